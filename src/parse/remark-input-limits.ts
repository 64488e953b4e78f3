// Limits that keep parsing linear. Markdown nested thousands of levels deep (`>>>>…`, lists
// indented ever further) makes the Markdown parser and every tree walk super-linear or
// overflow the stack, and megabyte-long lines make line-based scans crawl. No lesson needs
// either, so such lines are reported and blanked before the parser reads them (replaced by
// text of the same length, so every other position stays true). Wraps the parser, like remark-katacoda-fences.
import type { Root } from 'mdast'
import type { Processor } from 'unified'
import type { Node } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../messages.js'

/** Deepest nesting of block quotes and list items read; deeper lines are blanked. */
export const MAX_NESTING = 64
/** Longest line read, in characters; the rest of a longer line is blanked (micromark reads thousands of unclosed `[a](` on one line in super-linear time: 80 KB, 3 s). */
export const MAX_LINE_LENGTH = 20_000

/** Containers at the start of a line: `>` and list markers, each with the spaces around it. */
const leadingContainers = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/

/** Use right after remark-parse (before remark-katacoda-fences, which wraps what this returns). */
export function remarkInputLimits(this: Processor) {
  // remark-parse set `parser` on this processor; unified types it loosely.
  const parse = this.parser as ((document: string, file: VFile) => Node) | undefined
  if (parse === undefined) throw new Error('Unexpected remarkInputLimits before remark-parse, expected a parser to wrap')
  this.parser = (document: string, file: VFile) => parse(limitLines(document, file), file) as Root
}

function limitLines(document: string, file: VFile): string {
  const lines = document.split('\n')
  let tooDeep = 0
  let tooLong = 0
  lines.forEach((line, index) => {
    if (line.length > MAX_LINE_LENGTH) {
      if (tooLong++ === 0) error(file, `Unexpected line of ${line.length} characters, expected at most ${MAX_LINE_LENGTH}; the rest of it is not read`, { line: index + 1, column: MAX_LINE_LENGTH + 1 }, 'too-long')
      line = line.slice(0, MAX_LINE_LENGTH) + ' '.repeat(line.length - MAX_LINE_LENGTH)
      lines[index] = line
    }
    if (nesting(line) <= MAX_NESTING) return
    if (tooDeep++ === 0) error(file, `Unexpected Markdown nested more than ${MAX_NESTING} levels deep, expected shallower quotes and lists; such lines are not read`, { line: index + 1, column: 1 }, 'too-deep')
    lines[index] = unreadLine(line.length)
  })
  return lines.join('\n')
}

/**
 * A line the parser skips cheaply, of the same length: an HTML comment at column 1 closes
 * every open quote and list (blank lines would keep 64 levels open, and cost as much to
 * parse). Rendering drops comments. A deep line is always long enough to hold one.
 */
function unreadLine(length: number): string {
  return length >= 7 ? `<!--${' '.repeat(length - 7)}-->` : ' '.repeat(length)
}

/** How deep a line nests: its leading `>` and list markers, plus its indentation (a nested list item is indented, not prefixed). */
function nesting(line: string): number {
  const prefix = leadingContainers.exec(line)?.[0] ?? ''
  if (prefix === '') return 0
  const markers = (prefix.match(/>|[-*+]|\d{1,9}[.)]/g) ?? []).length
  const indent = /^[ \t]*/.exec(prefix)![0].replace(/\t/g, '    ').length
  return markers + Math.floor(indent / 2)
}
