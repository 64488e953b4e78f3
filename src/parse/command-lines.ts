// Splitting a block's lines into commands: a line ending in `\` continues on the next.
import type { Position } from 'unist'

/** A logical command line: its text and the 0-based indexes of its first and last physical line. */
export interface CommandLine {
  text: string
  first: number
  last: number
}

/** Join backslash continuations, starting at `start`; returns the command and where it ended. */
export function readCommand(lines: readonly string[], start: number, firstText: string): CommandLine {
  let text = firstText
  let last = start
  while (text.endsWith('\\') && last + 1 < lines.length) {
    last += 1
    text += '\n' + lines[last]
  }
  return { text, first: start, last }
}

/**
 * Position of a command inside a fenced block: `firstLine` is the 1-based line of the
 * block's first content line; the column is found in the real source line so that
 * indentation and prompts are accounted for.
 */
export function commandPosition(sourceLines: readonly string[], firstLine: number, command: CommandLine): Position {
  const startLine = firstLine + command.first
  const endLine = firstLine + command.last
  const firstPart = command.text.split('\n')[0] ?? ''
  const startColumn = Math.max(0, (sourceLines[startLine - 1] ?? '').indexOf(firstPart)) + 1
  const endColumn = (sourceLines[endLine - 1] ?? '').length + 1
  return { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } }
}
