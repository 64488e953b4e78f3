// The end of a command's output, as a message's note.
import { stripVTControlCharacters } from 'node:util'
import { excerpt } from '../messages.js'

/** Lines of output quoted in a failure message. */
const failureTailLines = 12

/** The last lines of an output, as a message's note (empty when there was none). */
export function tail(output: string): string {
  const lines = stripVTControlCharacters(output).replace(/\0/g, '␀').trimEnd().split('\n')
  if (lines.length === 1 && lines[0] === '') return ''
  return lines.slice(-failureTailLines).map((line) => `│ ${excerpt(line, 200)}`).join('\n')
}
