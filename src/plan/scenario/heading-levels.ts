// Headings of a scenario's own files, moved under the ones shellbook writes. Each step file is
// written for a page of its own, so it often opens with `# Title`: in the one page a scenario
// becomes, that would be a second h1 under the step's h2, and the table of contents (h2–h3)
// would lose it. A file's highest heading takes the level below the heading it sits under; the
// others keep their distance from it. A first heading that only repeats the step's title goes.
import type { Heading, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { ScenarioText } from './types.js'

export function moveScenarioHeadings(tree: Root, texts: readonly ScenarioText[]): void {
  for (const text of texts) {
    const inText = (node: RootContent) => {
      const line = node.position?.start.line
      return line !== undefined && line >= text.startLine && line <= text.endLine
    }
    const headings = tree.children.filter((node): node is Heading => node.type === 'heading' && inText(node))
    if (headings.length === 0) continue
    const first = tree.children.find(inText)
    if (first !== undefined && first === headings[0] && text.title !== undefined && sameTitle(toString(first), text.title)) {
      tree.children.splice(tree.children.indexOf(first), 1)
      headings.shift()
    }
    const shift = text.topDepth - Math.min(...headings.map((heading) => heading.depth))
    if (shift <= 0) continue
    for (const heading of headings) heading.depth = Math.min(6, heading.depth + shift) as Heading['depth']
  }
}

/** "Step 1: Install" and "step 1 - install." say the same. */
function sameTitle(a: string, b: string): boolean {
  const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ')
  return words(a) !== '' && words(a) === words(b)
}
