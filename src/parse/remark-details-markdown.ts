// Killercoda's "Solution" blocks: `<details><summary>Solution</summary>`, then Markdown, then
// `</details>`. With blank lines around the tags CommonMark reads the Markdown between them;
// without, the whole block is one raw HTML node and its code and markers would be shown
// as raw text, never run. Such a node is split: the `<details>`/`<summary>…</summary>` tags
// stay HTML nodes, and the text between them is parsed as the Markdown it is (with this
// processor's own parser), its positions mapped back to the lesson file.
import type { Root, RootContent } from 'mdast'
import type { Processor } from 'unified'
import type { Node, Point } from 'unist'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { valuePoints, type ValuePoints } from './value-points.js'

interface Piece {
  kind: 'tag' | 'markdown'
  start: number
  end: number
}

const detailsTag = /<details\b[^>]*>|<\/details\s*>|<summary\b[^>]*>|<\/summary\s*>/gi

/** Read the Markdown inside raw `<details>` HTML blocks. Use before the plugins that find commands. */
export function remarkDetailsMarkdown(this: Processor) {
  const processor = this
  return (tree: Root, file: VFile) => {
    let sourceLines: string[] | undefined
    let place: ReturnType<typeof location> | undefined
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined) return
      const pieces = splitDetails(node.value)
      if (!pieces.some((piece) => piece.kind === 'markdown')) return
      sourceLines ??= String(file.value).split('\n')
      place ??= location(file)
      const points = valuePoints(node, sourceLines, place)
      const replacement = pieces.flatMap((piece): RootContent[] => {
        const text = node.value.slice(piece.start, piece.end)
        if (piece.kind === 'tag') return [{ type: 'html', value: text, position: { start: points(piece.start), end: points(piece.end) } }]
        const inner = processor.parse(text) as Root
        movePositions(inner, piece.start, points)
        return inner.children
      })
      parent.children.splice(index, 1, ...replacement)
      // The pieces hold no `<details>` tag left to split.
      return [SKIP, index + replacement.length]
    })
  }
}

/**
 * Tags and the text between them, in order; `<summary>…</summary>` is one tag piece. Text is
 * a Markdown piece when it ends its line and starts one, or follows the summary
 * (`<summary>S</summary>⏎text⏎</details>`, `<summary>S</summary>text⏎`); text inside a
 * line of tags (`<details><summary>S</summary>Body</details>`) stays HTML.
 */
function splitDetails(value: string): Piece[] {
  const pieces: Piece[] = []
  let at = 0
  let summaryFrom: number | undefined
  const text = (start: number, end: number) => {
    const between = value.slice(start, end)
    if (between.trim() === '') return
    const previous = pieces.at(-1)
    const afterSummary = previous?.end === start && /^<summary/i.test(value.slice(previous.start, previous.start + 8))
    const startsBlock = afterSummary || /^[ \t]*\n/.test(between)
    const endsLine = end === value.length || /\n[ \t]*$/.test(between)
    pieces.push({ kind: startsBlock && endsLine ? 'markdown' : 'tag', start, end })
  }
  for (const match of value.matchAll(detailsTag)) {
    const tag = match[0].toLowerCase()
    const start = match.index
    const end = start + match[0].length
    if (summaryFrom !== undefined) {
      if (!tag.startsWith('</summary')) continue
      pieces.push({ kind: 'tag', start: summaryFrom, end })
      summaryFrom = undefined
      at = end
      continue
    }
    text(at, start)
    if (tag.startsWith('<summary')) summaryFrom = start
    else pieces.push({ kind: 'tag', start, end })
    at = end
  }
  if (pieces.length === 0) return []
  // A `<summary>` never closed: the rest is HTML.
  if (summaryFrom !== undefined) pieces.push({ kind: 'tag', start: summaryFrom, end: value.length })
  else text(at, value.length)
  return pieces
}

/** Positions of a sub-parse are relative to its text, which starts at `base` in the HTML node's value. */
function movePositions(tree: Root, base: number, points: ValuePoints): void {
  const move = (point: Point): Point => (point.offset === undefined ? point : points(base + point.offset))
  visit(tree, (node: Node) => {
    if (!node.position) return
    node.position = { start: move(node.position.start), end: move(node.position.end) }
  })
}
