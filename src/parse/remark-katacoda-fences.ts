// Katacoda puts its marker on the closing fence: ```{{execute}}. CommonMark does not allow
// anything after a closing fence, so such a line would not close the block and the rest of
// the lesson would be swallowed into it. This plugin wraps the parser: before parsing, the
// marker is blanked (same length, so every offset and column stays true) and remembered by
// line in `file.data.fenceMarkers`; the same scan reports a fence left open at the end.
// Fences also stand in block quotes (`> ```) and list items (indented): the scan reads
// through those prefixes (fence-lines.ts).
import type { Root } from 'mdast'
import type { Processor } from 'unified'
import type { Node } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../messages.js'
import { closingFence, openingFence, readLinePrefix } from './fence-lines.js'

/** A marker found on a closing fence. */
export interface FenceMarker {
  /** What stands between the braces: `execute T2`. */
  body: string
  /** Attributes in braces right after the marker (`{{execute}}{in=db}`), when there are. */
  attributes?: string
  /** 1-based column of the marker's first `{`. */
  column: number
}

/** Closing-fence markers, keyed by the 1-based line of the closing fence. */
export type FenceMarkers = Record<number, FenceMarker>

declare module 'vfile' {
  interface DataMap {
    /** Closing-fence markers found before parsing, by line. */
    fenceMarkers: FenceMarkers
  }
}

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
      // The message stands at the opening line; its text names no line, which in a scenario's
      // composite document would not be the step file's.
      error(file, `Unexpected end of file inside the code block opened here, expected a closing fence of ${fence.length} or more ${kind}`, { line, column: 1 }, 'unclosed-fence')
    }
    return parse(scan.source, file) as Root
  }
}

interface OpenFence {
  /** 1-based line of the opening fence. */
  line: number
  fence: string
  /** Block quote depth of the opening fence: its closer has the same. */
  depth: number
  /** Its indentation inside the quote, list markers included. */
  indent: number
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
  let open: OpenFence | undefined
  // Inside a list, fences may be indented 4 or more; elsewhere such a line is an indented code block.
  let inList = false
  lines.forEach((line, index) => {
    const prefix = readLinePrefix(line)
    // A line with fewer `>` ends the block quote, and the fence inside it with it.
    if (open && prefix.depth < open.depth) open = undefined
    if (!open) {
      if (prefix.listMarker) inList = true
      else if (prefix.rest !== '' && prefix.indent === 0) inList = false
      const opening = openingFence(prefix.rest)
      if (opening && (prefix.indent < 4 || inList)) open = { line: index + 1, fence: opening, depth: prefix.depth, indent: prefix.indent }
      return
    }
    if (prefix.depth !== open.depth) return
    const closing = closingFence(prefix.quoted)
    if (!closing || closing.indent > open.indent + 3 || !closesFence(closing.fence, open.fence)) return
    if (closing.marker) {
      const at = line.length - prefix.quoted.length + closing.marker.index
      const marker: FenceMarker = { body: closing.marker.body, column: at + 1 }
      if (closing.marker.attributes !== undefined) marker.attributes = closing.marker.attributes
      markers[index + 1] = marker
      lines[index] = line.slice(0, at) + ' '.repeat(closing.marker.length) + line.slice(at + closing.marker.length)
    }
    open = undefined
  })
  const scan: FenceScan = { source: lines.join('\n'), markers }
  if (open) scan.unclosedAt = { line: open.line, fence: open.fence }
  return scan
}

function closesFence(candidate: string, opener: string): boolean {
  return candidate[0] === opener[0] && candidate.length >= opener.length
}
