// Marker text never reaches a page: a marker left in prose or raw HTML after the markers
// were read (`{{execute}}` after something that is not code, on the line after the code)
// is taken out of the text, with a warning where it stands. Braces that are not a marker
// (`{{.Names}}`, `{{ site.title }}`) are prose and stay.
import type { Html, Root, Text } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location, type Location } from 'vfile-location'
import { excerpt, warning } from '../messages.js'
import { readMarkerWords } from './katacoda-marker-words.js'

const markerText = /\{\{([^{}\n]*)\}\}(?:\{[^{}\n]*\})?/g

/** Remove leftover markers from text and HTML nodes. */
export function removeStrayMarkers(tree: Root, file: VFile): void {
  const source = String(file.value)
  let place: Location | undefined
  visit(tree, (node, index, parent) => {
    if (node.type !== 'text' && node.type !== 'html') return
    if (!node.value.includes('{{')) return
    place ??= location(file)
    node.value = withoutMarkers(node, source, place, file)
    if (node.value === '' && parent && index !== undefined) {
      parent.children.splice(index, 1)
      return index
    }
    return undefined
  })
}

function withoutMarkers(node: Text | Html, source: string, place: Location, file: VFile): string {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  const written = start === undefined || end === undefined ? '' : source.slice(start, end)
  let searchFrom = 0
  let kept = ''
  let last = 0
  for (const match of node.value.matchAll(markerText)) {
    if (readMarkerWords(match[1]!) === undefined) continue
    // Find the same characters in the source (the value may differ from it by escapes or prefixes).
    const at = written.indexOf(match[0], searchFrom)
    const from = at === -1 || start === undefined ? undefined : place.toPoint(start + at)
    const to = at === -1 || start === undefined ? undefined : place.toPoint(start + at + match[0].length)
    const where = from && to ? { start: from, end: to } : node.position
    if (at !== -1) searchFrom = at + match[0].length
    warning(file, `Unexpected Katacoda marker \`${excerpt(match[0], 40)}\` after text, expected it right after inline code or a closing fence; it is left out of the page`, where, 'stray-marker')
    kept += node.value.slice(last, match.index)
    last = match.index + match[0].length
    // `and {{execute}} alone` leaves one space, not two.
    if (/[ \t]$/.test(kept) && /^[ \t]/.test(node.value.slice(last))) last += 1
  }
  return kept + node.value.slice(last)
}
