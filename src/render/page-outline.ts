// The on-page table of contents: every h2 and h3 of a lesson gets an id (GitHub's slugs,
// which keep Chinese and accented letters), and the list of them is returned for the page.
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import GithubSlugger from 'github-slugger'

/** One heading of the outline. */
export interface OutlineEntry {
  depth: 2 | 3
  id: string
  text: string
}

/** Give h2/h3 without an id one, and list them in order; h1 is the page's title, h4+ too fine for a TOC. */
export function outlineHeadings(root: Root): OutlineEntry[] {
  const slugger = new GithubSlugger()
  const entries: OutlineEntry[] = []
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      const depth = child.tagName === 'h2' ? 2 : child.tagName === 'h3' ? 3 : undefined
      if (depth === undefined) {
        walk(child)
        continue
      }
      const text = toString(child).trim()
      const own = child.properties.id
      const id = typeof own === 'string' && own !== '' ? own : slugger.slug(text || `section-${entries.length + 1}`)
      child.properties.id = id
      if (text !== '') entries.push({ depth, id, text })
    }
  }
  walk(root)
  return entries
}
