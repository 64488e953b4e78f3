// What every command prints through: lines on stderr, safe once it is closed. Light on
// purpose (no reporter): `shellbook --help` loads it; messages are print-messages.ts's.

/** The exit code main() resolves to, set by the command that ran. */
export interface Outcome {
  exitCode: number
}

export type Format = 'text' | 'json'

/** A stderr closed under us (`| head`) must drop lines, never crash: an `error` listener that ignores. */
const ignoreError = () => {}

/** Write raw text to stderr; dropped once stderr is closed. */
export function writeErrText(text: string): void {
  if (!process.stderr.listeners('error').includes(ignoreError)) process.stderr.on('error', ignoreError)
  if (process.stderr.destroyed || !process.stderr.writable) return
  process.stderr.write(text)
}

/** One line of progress or message on stderr. */
export function writeErr(line: string): void {
  writeErrText(line + '\n')
}
