// The terminal's output as the session reads it: text goes to whoever waits for a command (or is
// kept to open the next command's output: background jobs print at the prompt), sentinels
// settle the wait, and a wait may also end once the output has gone quiet (a shell waiting).
import type { SentinelScanner, ShellPlace } from './framing.js'
import { OutputCapture } from './output.js'

/** How waiting for the shell ended: back at its prompt, or gone. */
export type Outcome = { kind: 'prompt'; seq: number; status: number } | { kind: 'exit'; status: number }

export interface WaitOptions {
  /** Which prompt ends the wait; default any. */
  accept?: (outcome: Outcome) => boolean
  signal?: AbortSignal | undefined
  /** End ('quiet') once no output came for this long. */
  quietMs?: number
}

/** How often a wait with `quietMs` looks at the time of the last output. */
const QUIET_POLL_MS = 50

/** Who gets the output and the next prompt. */
interface Waiter {
  capture: OutputCapture
  settle(outcome: Outcome): void
}

export class PromptReader {
  readonly #scanner: SentinelScanner
  readonly #maxOutputBytes: number
  #waiter: Waiter | undefined
  /** Output that arrived at the prompt; it opens the next command's output. */
  #idle: OutputCapture
  /** When output last arrived (performance.now()). */
  #lastDataAt = 0
  #exitStatus: number | undefined
  /** A command left running (a server, `top -b`): its output while nobody waits, and its prompt once it ends. */
  #held: { capture: OutputCapture; accept: (outcome: Outcome) => boolean; ended?: Outcome } | undefined

  constructor(scanner: SentinelScanner, maxOutputBytes: number) {
    this.#scanner = scanner
    this.#maxOutputBytes = maxOutputBytes
    this.#idle = new OutputCapture(maxOutputBytes)
  }

  /** Where the nested shell that answered last is (see nested-shells.ts). */
  get place(): ShellPlace | undefined {
    return this.#scanner.lastPlace
  }

  /** Terminal output, as it arrives. */
  push(chunk: string): void {
    this.#lastDataAt = performance.now()
    for (const event of this.#scanner.push(chunk)) {
      if (event.kind === 'text') (this.#waiter?.capture ?? this.#heldCapture() ?? this.#idle).append(event.text)
      else if (this.#waiter) this.#waiter.settle({ kind: 'prompt', seq: event.seq, status: event.status })
      // The command left running ended on its own: its output is complete.
      else if (this.#held && this.#held.ended === undefined && this.#held.accept({ kind: 'prompt', seq: event.seq, status: event.status })) {
        this.#held.ended = { kind: 'prompt', seq: event.seq, status: event.status }
      }
      // Any other prompt nobody waits for is a stray of an extra Ctrl-C: nothing to settle.
    }
  }

  /** The shell ended: every wait ends with its status. */
  exited(status: number): void {
    this.#exitStatus = status
    this.#waiter?.settle({ kind: 'exit', status })
    if (this.#held && this.#held.ended === undefined) this.#held.ended = { kind: 'exit', status }
  }

  /** A command goes on running while nobody waits: `capture` gets its output, and its prompt (`accept`ed) is kept. */
  hold(capture: OutputCapture, accept: (outcome: Outcome) => boolean): void {
    this.#held = { capture, accept }
  }

  /** The held command's output goes to `capture` from now on (the next cell typed into it). */
  moveHeld(capture: OutputCapture): void {
    if (this.#held) this.#held.capture = capture
  }

  /** Stop holding; how the held command ended, if it did. */
  release(): Outcome | undefined {
    const ended = this.#held?.ended
    this.#held = undefined
    return ended
  }

  /** How the held command ended, if it did, still holding. */
  get heldEnd(): Outcome | undefined {
    return this.#held?.ended
  }

  /** Output after the held command ended opens the next cell's, as at any prompt. */
  #heldCapture(): OutputCapture | undefined {
    return this.#held && this.#held.ended === undefined ? this.#held.capture : undefined
  }

  /** The output kept since the last command; a fresh capture takes its place. */
  takeIdle(): OutputCapture {
    const idle = this.#idle
    this.#idle = new OutputCapture(this.#maxOutputBytes)
    return idle
  }

  /** Wait for a prompt that `accept`s, the shell's exit, quiet output (with `quietMs`), or the timeout or abort (undefined). */
  wait(capture: OutputCapture, timeoutMs: number, { accept = () => true, signal, quietMs }: WaitOptions = {}): Promise<Outcome | 'quiet' | undefined> {
    if (this.#exitStatus !== undefined) return Promise.resolve({ kind: 'exit', status: this.#exitStatus })
    const since = performance.now()
    return new Promise((resolve) => {
      const finish = (outcome: Outcome | 'quiet' | undefined) => {
        clearTimeout(timer)
        clearInterval(poll)
        signal?.removeEventListener('abort', abort)
        this.#waiter = undefined
        resolve(outcome)
      }
      const abort = () => finish(undefined)
      const timer = setTimeout(finish, timeoutMs, undefined)
      const poll = quietMs === undefined ? undefined : setInterval(() => {
        if (performance.now() - Math.max(since, this.#lastDataAt) >= quietMs) finish('quiet')
      }, QUIET_POLL_MS)
      signal?.addEventListener('abort', abort, { once: true })
      this.#waiter = { capture, settle: (outcome) => (outcome.kind === 'exit' || accept(outcome) ? finish(outcome) : undefined) }
    })
  }
}
