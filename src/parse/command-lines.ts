// Splitting a block's lines into commands, as a shell reads lines typed or pasted into it: a
// command goes on while it is open — a line ending in `\`, a quote not closed, a heredoc whose
// terminator has not come (`cat > index.html <<EOF` … `EOF` is one command), a loop, `if` or
// `{` not closed yet (`for i in 1 2 3; do` … `done`).
import type { Position } from 'unist'
import { commandIsOpen, compoundIsOpen } from '../shell/index.js'

/** Lines one open command may take (a quote never closed must not swallow a whole lesson in quadratic time). */
const MAX_COMMAND_LINES = 1000

/** A logical command line: its text and the 0-based indexes of its first and last physical line. */
export interface CommandLine {
  text: string
  first: number
  last: number
}

/** How a transcript shows continuation lines, for console blocks. */
export interface ContinuationOptions {
  /** A line that starts another command (a prompt) ends this one even when it is open. */
  stopsAt?: (line: string) => boolean
  /** The continuation prompt to drop from each continued line (`> ` in a bash transcript). */
  continuationPrompt?: string
}

/** Join the lines of one command, starting at `start`; returns the command and where it ended. */
export function readCommand(lines: readonly string[], start: number, firstText: string, options: ContinuationOptions = {}): CommandLine {
  let text = firstText
  let last = start
  while (last + 1 < lines.length && last - start < MAX_COMMAND_LINES && (text.endsWith('\\') || commandIsOpen(text) || compoundIsOpen(text))) {
    const next = lines[last + 1]!
    if (options.stopsAt?.(next)) break
    last += 1
    const prompt = options.continuationPrompt
    text += '\n' + (prompt !== undefined && next.startsWith(prompt) ? next.slice(prompt.length) : next)
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
