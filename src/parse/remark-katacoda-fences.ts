// Katacoda puts its marker on the closing fence: ```{{execute}}. CommonMark does not allow
// anything after a closing fence, so such a line would not close the block and the rest of
// the lesson would be swallowed into it. This plugin wraps the parser: before parsing, the
// marker is blanked (same length, so every offset and column stays true) and remembered by
// line in `file.data.fenceMarkers`; the same scan reports a fence left open at the end.
import type { Root } from 'mdast'
import type { Processor } from 'unified'
import type { Node } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../messages.js'

/** `{{execute T2}}` → `execute T2`, keyed by the 1-based line of the closing fence. */
export type FenceMarkers = Record<number, string>

declare module 'vfile' {
  interface DataMap {
    /** Closing-fence markers found before parsing, by line. */
    fenceMarkers: FenceMarkers
  }
}

const openFence = /^( {0,3})(`{3,}|~{3,})(.*)$/
const markerOnClose = /^( {0,3})(`{3,}|~{3,})[ \t]*(\{\{[^{}]*\}\})[ \t]*$/
const plainClose = /^( {0,3})(`{3,}|~{3,})[ \t]*$/

/** Blank closing-fence markers before remark-parse reads the document. Use right after remark-parse. */
export function remarkKatacodaFences(this: Processor) {
  // remark-parse set `parser` on this processor; unified types it loosely.
  const parse = this.parser as ((document: string, file: VFile) => Node) | undefined
  if (parse === undefined) throw new Error('Unexpected remarkKatacodaFences before remark-parse, expected a parser to wrap')
  this.parser = (document: string, file: VFile) => {
    const scan = scanFences(document)
    file.data.fenceMarkers = scan.markers
    if (scan.unclosedAt) {
      const { line, fence } = scan.unclosedAt
      const kind = fence.startsWith('`') ? 'backticks' : 'tildes'
      error(file, `Unexpected end of file inside the code block opened at line ${line}, expected a closing fence of ${fence.length} or more ${kind}`, { line, column: 1 }, 'unclosed-fence')
    }
    return parse(scan.source, file) as Root
  }
}

interface FenceScan {
  /** The source with closing-fence markers blanked out. */
  source: string
  markers: FenceMarkers
  /** 1-based line of a fence still open at the end of the file. */
  unclosedAt?: { line: number; fence: string }
}

function scanFences(document: string): FenceScan {
  const lines = document.split('\n')
  const markers: FenceMarkers = {}
  let open: { line: number; fence: string } | undefined
  lines.forEach((line, index) => {
    if (!open) {
      const match = openFence.exec(line)
      // A backtick fence's info string may not contain backticks (CommonMark).
      if (match && !(match[2]!.startsWith('`') && match[3]!.includes('`'))) open = { line: index + 1, fence: match[2]! }
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
