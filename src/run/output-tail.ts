// The end of a command's output, as a message's note.
import { stripVTControlCharacters } from 'node:util'
import { excerpt } from '../messages.js'

/** Lines of output quoted in a failure message. */
const failureTailLines = 12

/** The last lines of an output, as a message's note (empty when there was none). */
export function tail(output: string): string {
  const lines = output.replace(/\0/g, '␀').split('\n').map(shownLine).join('\n').trimEnd().split('\n')
  if (lines.length === 1 && lines[0] === '') return ''
  return lines.slice(-failureTailLines).map((line) => `│ ${excerpt(line, 200)}`).join('\n')
}

/**
 * A line as a terminal leaves it: progress meters (apt, curl, pip) rewrite their line after a
 * carriage return, and each rewrite covers the start of the previous one, or all of it after an
 * erase-line. Printed raw in a message, every frame would show, each on a line of its own.
 */
function shownLine(line: string): string {
  let shown = ''
  for (const part of line.split('\r')) {
    const text = stripVTControlCharacters(part)
    shown = /^\x1b\[[02]?K/.test(part) ? text : text + shown.slice(text.length)
  }
  return shown
}
