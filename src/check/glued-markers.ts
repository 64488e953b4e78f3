// Rule `glued-marker`: a word glued to a Katacoda marker (`` `x`{{execute}}to find ``).
// The parser still reads the marker and keeps the word as prose, but the rendered text
// reads "x to find" only by luck: the author most likely lost a space.
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warning } from '../messages.js'

/** Warn at each marker followed by a word with no space, except Chinese or Japanese text (no spaces there). */
export function checkGluedMarkers(tree: Root, file: VFile): void {
  const source = String(file.value)
  visit(tree, 'execInline', (node) => {
    const start = node.position?.end
    const end = node.gluedAt
    if (!start || !end) return
    const word = end.offset === undefined ? '' : source.slice(end.offset, end.offset + 2)
    if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word)) return
    const marker = start.offset === undefined || end.offset === undefined ? '{{execute}}' : source.slice(start.offset, end.offset)
    warning(file, `Unexpected word glued to \`${marker}\`, expected a space after the marker`, { start, end }, 'glued-marker')
  })
}
