// Katacoda puts its marker on the closing fence: ```{{execute}}. CommonMark does not
// allow anything after a closing fence, so such a line would not close the block and
// the rest of the lesson would be swallowed into it. Before parsing, we blank the
// marker (same length, so every offset and column stays true) and remember it by line.
// The same scan finds fences left open at the end of the file.
import type { VFile } from 'vfile'

/** `{{execute T2}}` → `execute T2`, keyed by the 1-based line of the closing fence. */
export type FenceMarkers = Record<number, string>

const openFence = /^( {0,3})(`{3,}|~{3,})(.*)$/
const markerOnClose = /^( {0,3})(`{3,}|~{3,})[ \t]*(\{\{[^{}]*\}\})[ \t]*$/
const plainClose = /^( {0,3})(`{3,}|~{3,})[ \t]*$/

export interface FenceScan {
  /** The source with closing-fence markers blanked out. */
  source: string
  markers: FenceMarkers
  /** 1-based line of a fence still open at the end of the file. */
  unclosedAt?: { line: number; fence: string }
}

/** Find closing-fence markers and an unclosed fence in a lesson's source. */
export function scanFences(file: VFile): FenceScan {
  const lines = String(file.value).split('\n')
  const markers: FenceMarkers = {}
  let open: { line: number; fence: string } | undefined
  lines.forEach((line, index) => {
    if (!open) {
      const match = openFence.exec(line)
      // A backtick fence's info string may not contain backticks (CommonMark).
      if (match && !(match[2]!.startsWith('`') && match[3]!.includes('`'))) {
        open = { line: index + 1, fence: match[2]! }
      }
      return
    }
    const closing = markerOnClose.exec(line) ?? plainClose.exec(line)
    if (!closing || !closesFence(closing[2]!, open.fence)) return
    const marker = closing[3]
    if (marker) {
      markers[index + 1] = marker.slice(2, -2).trim()
      lines[index] = line.replace(marker, ' '.repeat(marker.length))
    }
    open = undefined
  })
  const scan: FenceScan = { source: lines.join('\n'), markers }
  if (open) scan.unclosedAt = open
  return scan
}

function closesFence(candidate: string, opener: string): boolean {
  return candidate[0] === opener[0] && candidate.length >= opener.length
}
