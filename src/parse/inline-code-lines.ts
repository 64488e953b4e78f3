// The commands an inline code types. Katacoda authors let one code span run over several
// lines (`` `DBPID=$(pgrep redis-server)⏎echo Redis is $DBPID`{{execute}} ``), and each line
// is typed as a command of its own (a `\` at the end continues it, as in a fence). The lines
// are read back from the source by offsets: mdast's value says neither where each line stands
// nor, in a list or a quote, which spaces and `>` were the container's (CommonMark would even
// have its line endings read as spaces).
import type { InlineCode } from 'mdast'
import type { Point, Position } from 'unist'
import { readCommand } from './command-lines.js'
import type { ExecCommand } from './types.js'

/** A line of a code span, as written after its container's prefix. */
interface SpanLine {
  /** The text, its indentation kept (a continued command's next lines keep theirs, as in a fence). */
  text: string
  /** How much of `text` is indentation. */
  indent: number
  /** Where `text` starts. */
  start: Point
}

/**
 * One command per logical line of the code span's source; one command when it is one line.
 * `contentColumn` is where its paragraph's text starts: on later lines, up to that many
 * characters of `>` and spaces are the container's prefix, not the command's.
 */
export function inlineCommands(node: InlineCode, source: string, contentColumn: number): ExecCommand[] {
  const lines = spanLines(node, source, contentColumn)
  if (lines === undefined) return [{ command: node.value, prompt: '', position: singleLinePosition(node) }]
  const texts = lines.map((line) => line.text)
  const commands: ExecCommand[] = []
  for (let index = 0; index < lines.length; index++) {
    const first = lines[index]!
    const command = readCommand(texts, index, first.text.slice(first.indent))
    const last = lines[command.last]!
    const start = { line: first.start.line, column: first.start.column + first.indent, offset: first.start.offset! + first.indent }
    const end = { line: last.start.line, column: last.start.column + last.text.length, offset: last.start.offset! + last.text.length }
    commands.push({ command: command.text, prompt: '', position: { start, end } })
    index = command.last
  }
  return commands
}

/** A one-line span: the command starts one column after the opening backtick (as it always did). */
function singleLinePosition(node: InlineCode): Position {
  const start = node.position?.start ?? { line: 1, column: 1 }
  const end = node.position?.end ?? start
  return { start: { line: start.line, column: start.column + 1 }, end: { line: end.line, column: Math.max(1, end.column - 1) } }
}

/**
 * The span's lines as written, without backticks, container prefixes or surrounding spaces;
 * undefined when it is one line, or when the source does not read back to mdast's value.
 */
function spanLines(node: InlineCode, source: string, contentColumn: number): SpanLine[] | undefined {
  const start = node.position?.start
  const end = node.position?.end
  if (start?.offset === undefined || end?.offset === undefined) return undefined
  const raw = source.slice(start.offset, end.offset)
  if (!raw.includes('\n')) return undefined
  const ticks = /^`*/.exec(raw)![0].length
  const rows = raw.slice(ticks, raw.length - ticks).split('\n')
  const lines: SpanLine[] = []
  let offset = start.offset + ticks
  rows.forEach((row, index) => {
    const skip = index === 0 ? 0 : Math.min(/^[ \t>]*/.exec(row)![0].length, contentColumn - 1)
    const text = row.slice(skip).trimEnd()
    const column = (index === 0 ? start.column + ticks : 1) + skip
    const indent = /^[ \t]*/.exec(text)![0].length
    if (text.length > indent) lines.push({ text, indent, start: { line: start.line + index, column, offset: offset + skip } })
    offset += row.length + 1
  })
  const words = (text: string) => text.replace(/\s+/g, ' ').trim()
  return words(lines.map((line) => line.text).join(' ')) === words(node.value) ? lines : undefined
}
