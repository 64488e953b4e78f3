// What the output of a command left running says about it: whether it is a full-screen program
// or waits at a prompt of its own (then what the lesson types next is meant for it), and the
// prompt a reader saw before typing into it.
import { stripVTControlCharacters } from 'node:util'

/** Longest last line taken for a program's prompt (`127.0.0.1:6379> `, `Password: `). */
const MAX_PROMPT_LENGTH = 100

/** Whether the output leaves the terminal on the alternate screen: a full-screen program (`top`, `vi`, `less`) is on. */
export function altScreenActive(output: string): boolean {
  let active = false
  for (const match of output.matchAll(/\x1b\[\?(?:1049|1047|47)([hl])/g)) active = match[1] === 'h'
  return active
}

/**
 * The prompt a program left on its last line, waiting for input: text after the last line
 * end that is not empty once escape codes are gone. Undefined on a full-screen program,
 * whose last line is a screen row, not a prompt.
 */
export function trailingPrompt(output: string): string | undefined {
  if (altScreenActive(output)) return undefined
  const last = output.slice(output.lastIndexOf('\n') + 1)
  const visible = stripVTControlCharacters(last).replace(/[\x00-\x1f\x7f]/g, '')
  if (visible.trim() === '' || visible.length > MAX_PROMPT_LENGTH) return undefined
  // A shell may draw its prompt twice on the same line (`/ # / # `) as its terminal settles.
  const repeated = /^(.*?\s)\1+$/.exec(visible)?.[1]
  return repeated !== undefined && repeated.trim() !== '' ? repeated : visible
}

/** The output without its last line (the prompt trailingPrompt found). */
export function withoutLastLine(output: string): string {
  return output.slice(0, output.lastIndexOf('\n') + 1).replace(/\n$/, '')
}

/** A program echoes what is typed into it (readline does): the echo is the command shown, not output. */
export function withoutEcho(output: string, typed: string): string {
  const line = typed.replace(/\r$/, '')
  if (line === '' || !output.startsWith(line)) return output
  return output.slice(line.length).replace(/^\n/, '')
}
