// Small pure helpers of the session: a cell's status from its prompt, bounded waits, excerpts.
import type { Outcome } from './prompt-reader.js'
import { SESSION_DEFAULTS } from './options.js'

/** Status bash gives a syntax error. */
const SYNTAX_ERROR_STATUS = 2

/**
 * A cell's status from the prompt that ended it. A prompt that does not carry the cell's
 * number means bash abandoned the line: after our Ctrl-C, `$?` says how (130); without one,
 * eval hit an unterminated quote and `$?` is stale, so report what bash does elsewhere, 2.
 */
export function cellStatus(outcome: Outcome | undefined, seq: number, ctrlCSent: boolean): number | null {
  if (outcome === undefined) return null
  if (outcome.kind === 'exit' || outcome.seq === seq || ctrlCSent) return outcome.status
  return SYNTAX_ERROR_STATUS
}

/**
 * Output of a command stopped with Ctrl-C, without the line end the shell writes after a job
 * killed by SIGINT: in a terminal it ends the `^C` the tty echoed (echo is off in ours), on a page
 * it would be a blank last line.
 */
export function withoutInterruptLineEnd(output: string, ctrlCSent: boolean): string {
  if (!ctrlCSent) return output
  if (output === '\n') return ''
  return output.endsWith('\n\n') ? output.slice(0, -1) : output
}

/** Whether `promise` settles within `ms` (the timer is cleared either way). */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(resolve, ms, false)
  })
  try {
    return await Promise.race([promise.then(() => true), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** The end of some terminal output, readable in an error message. */
export function excerpt(text: string): string {
  const plain = text
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/[\x00-\x09\x0b-\x1f\x7f]/g, '')
    .trim()
  if (plain === '') return '(none)'
  return plain.length > 500 ? `…${plain.slice(-500)}` : plain
}

/** Why a shell never became usable, from how waiting for its first prompt ended. */
export function startFailure(argv: readonly string[], outcome: Outcome | undefined, seen: string): Error {
  const shell = `\`${argv.join(' ')}\``
  if (outcome === undefined) return new Error(`Shell ${shell} was not ready within ${SESSION_DEFAULTS.readyTimeoutMs / 1000} s, expected a bash prompt; output: ${seen}`)
  if (outcome.kind === 'exit') return new Error(`Shell ${shell} exited with status ${outcome.status} before it was ready; output: ${seen}`)
  return new Error(`Shell ${shell} could not set the terminal mode (\`stty\` exited with ${outcome.status}); output: ${seen}`)
}
