// One persistent interactive bash per lesson session, in a pseudo-terminal: variables, `cd`,
// exports and background jobs carry over from cell to cell as in a real terminal, and
// `docker exec -it` has the TTY it needs. Framing (prompt sentinel, eval) is in
// session-framing.ts, options and defaults in session-options.ts, the output cap in
// session-output.ts.
import { spawn, type IPty } from 'node-pty'
import { frameCommand, newToken, SentinelScanner, setupLine, syncLine, syncMarker } from './framing.js'
import { ptyOptions, SESSION_DEFAULTS, type CommandResult, type SessionOptions } from './options.js'
import { OutputCapture } from './output.js'


/** Status bash gives a syntax error. */
const SYNTAX_ERROR_STATUS = 2

/** How waiting for the shell ended: back at its prompt, or gone. */
type Outcome = { kind: 'prompt'; seq: number; status: number } | { kind: 'exit'; status: number }

/** Who gets the output and the next prompt. */
interface Waiter {
  capture: OutputCapture
  settle(outcome: Outcome): void
}

export class ShellSession {
  readonly #pty: IPty
  readonly #token = newToken()
  readonly #scanner = new SentinelScanner(this.#token)
  readonly #maxOutputBytes: number
  readonly #exited: Promise<number>
  #exitStatus: number | undefined
  #waiter: Waiter | undefined
  /** Output that arrived at the prompt (background jobs); it opens the next command's output. */
  #idle: OutputCapture
  #running: Promise<unknown> | undefined
  /** Number of the last cell sent (see frameCommand). */
  #seq = 0
  /** Ctrl-C was sent while the current cell ran. */
  #ctrlCSent = false
  #unusable: string | undefined
  #closing: Promise<void> | undefined

  private constructor(pty: IPty, maxOutputBytes: number) {
    this.#pty = pty
    this.#maxOutputBytes = maxOutputBytes
    this.#idle = new OutputCapture(maxOutputBytes)
    pty.onData((chunk) => this.#onData(chunk))
    this.#exited = new Promise((resolve) => {
      pty.onExit(({ exitCode, signal }) => {
        // Killed by a signal: report it the way shells do, 128 + signal.
        const status = signal ? 128 + signal : exitCode
        this.#exitStatus = status
        this.#waiter?.settle({ kind: 'exit', status })
        resolve(status)
      })
    })
  }

  /** Start the shell and type the setup line; resolves when the first command can be sent. */
  static async open(options: SessionOptions): Promise<ShellSession> {
    const [file, ...args] = options.shell
    if (file === undefined) throw new Error('Unexpected empty `shell`, expected an argv such as DEFAULT_LOCAL_SHELL')
    const session = new ShellSession(spawn(file, args, ptyOptions(options)), options.maxOutputBytes ?? SESSION_DEFAULTS.maxOutputBytes)
    await session.#start(options.shell)
    return session
  }

  /** True once the shell exited, was closed, or was given up after a lost timeout. */
  get closed(): boolean {
    return this.#exitStatus !== undefined || this.#closing !== undefined || this.#unusable !== undefined
  }

  /**
   * Run one cell; on timeout send Ctrl-C and report `timedOut`. Aborting `signal` stops the
   * command the same way (Ctrl-C until the prompt is back) without `timedOut`; a signal
   * already aborted sends nothing and gives `exitCode: null`. One command at a time.
   */
  async run(command: string, options: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<CommandResult> {
    this.#assertUsable('run a command')
    if (this.#running) throw new Error('Unexpected run() while a command is still running, expected one command at a time')
    const running = this.#runFramed(command, options.timeoutMs, options.signal)
    this.#running = running
    try {
      return await running
    } finally {
      this.#running = undefined
    }
  }

  /** Send Ctrl-C and wait for the prompt (Katacoda `{{execute interrupt}}`). */
  async interrupt(): Promise<void> {
    this.#assertUsable('interrupt')
    if (this.#running) {
      // The running command's own run() reports what Ctrl-C did to it.
      this.#sendCtrlC()
      await this.#running
      return
    }
    const running = this.#recover(new OutputCapture(this.#maxOutputBytes), 'interrupt requested')
    this.#running = running
    try {
      if ((await running) === undefined) this.#assertUsable('interrupt')
    } finally {
      this.#running = undefined
    }
  }

  /** End the shell (SIGHUP, then SIGKILL); idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#terminate()
    return this.#closing
  }

  async #start(argv: readonly string[]): Promise<void> {
    const capture = new OutputCapture(SESSION_DEFAULTS.maxOutputBytes)
    const setup = setupLine(this.#token)
    this.#write(setup)
    const outcome = await this.#waitForPrompt(capture, SESSION_DEFAULTS.readyTimeoutMs)
    if (outcome?.kind === 'prompt' && outcome.status === 0) return
    await this.close()
    const shell = `\`${argv.join(' ')}\``
    const seen = excerpt(capture.text().replace(setup.trimEnd(), ''))
    if (outcome === undefined) {
      throw new Error(`Shell ${shell} was not ready within ${SESSION_DEFAULTS.readyTimeoutMs / 1000} s, expected a bash prompt; output: ${seen}`)
    }
    if (outcome.kind === 'exit') throw new Error(`Shell ${shell} exited with status ${outcome.status} before it was ready; output: ${seen}`)
    throw new Error(`Shell ${shell} could not set the terminal mode (\`stty\` exited with ${outcome.status}); output: ${seen}`)
  }

  async #runFramed(command: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<CommandResult> {
    const startedAt = new Date().toISOString()
    if (signal?.aborted) return { output: '', exitCode: null, startedAt, durationMs: 0, timedOut: false, truncated: false }
    const capture = this.#idle
    this.#idle = new OutputCapture(this.#maxOutputBytes)
    const seq = ++this.#seq
    this.#ctrlCSent = false
    const start = performance.now()
    this.#write(frameCommand(command, seq))
    let outcome = await this.#waitForPrompt(capture, timeoutMs, { signal })
    // A single Ctrl-C can be lost (sent while bash hands the terminal to the command), so an
    // abort goes through the same repeated Ctrl-C as a timeout rather than one keystroke.
    const aborted = outcome === undefined && signal?.aborted === true
    const timedOut = outcome === undefined && !aborted
    if (aborted) outcome = await this.#recover(capture, 'the build was interrupted')
    else if (timedOut) outcome = await this.#recover(capture, `a command timed out after ${timeoutMs} ms`)
    return {
      output: capture.text(),
      exitCode: cellStatus(outcome, seq, this.#ctrlCSent),
      startedAt,
      durationMs: Math.round(performance.now() - start),
      timedOut,
      truncated: capture.truncated,
    }
  }

  /** Ctrl-C until the prompt is back (then sync); give the session up after the last try. */
  async #recover(capture: OutputCapture, why: string): Promise<Outcome | undefined> {
    for (let attempt = 0; attempt < SESSION_DEFAULTS.interruptAttempts; attempt++) {
      this.#sendCtrlC()
      const outcome = await this.#waitForPrompt(capture, SESSION_DEFAULTS.interruptGraceMs)
      if (outcome?.kind === 'exit') return outcome
      if (outcome && (await this.#sync())) return outcome
    }
    this.#unusable = `${why}, and ${SESSION_DEFAULTS.interruptAttempts} Ctrl-C did not bring back the prompt`
    await this.close()
    return undefined
  }

  /** Skip stray prompts of extra Ctrl-Cs, so the next command does not take one for its own. */
  async #sync(): Promise<boolean> {
    const nonce = newToken()
    const capture = new OutputCapture(this.#maxOutputBytes)
    this.#write(syncLine(nonce))
    const marker = syncMarker(nonce)
    const outcome = await this.#waitForPrompt(capture, SESSION_DEFAULTS.interruptGraceMs, { accept: () => capture.text().includes(marker) })
    return outcome?.kind === 'prompt'
  }

  /** Wait for a prompt that `accept`s (default: any), the shell's exit, or the timeout or abort (undefined). */
  #waitForPrompt(
    capture: OutputCapture,
    timeoutMs: number,
    { accept = () => true, signal }: { accept?: () => boolean; signal?: AbortSignal | undefined } = {},
  ): Promise<Outcome | undefined> {
    if (this.#exitStatus !== undefined) return Promise.resolve({ kind: 'exit', status: this.#exitStatus })
    return new Promise((resolve) => {
      const finish = (outcome: Outcome | undefined) => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', abort)
        this.#waiter = undefined
        resolve(outcome)
      }
      const abort = () => finish(undefined)
      const timer = setTimeout(finish, timeoutMs, undefined)
      signal?.addEventListener('abort', abort, { once: true })
      this.#waiter = { capture, settle: (outcome) => (outcome.kind === 'exit' || accept() ? finish(outcome) : undefined) }
    })
  }

  #onData(chunk: string): void {
    for (const event of this.#scanner.push(chunk)) {
      if (event.kind === 'text') (this.#waiter?.capture ?? this.#idle).append(event.text)
      // A prompt nobody waits for is a stray of an extra Ctrl-C: nothing to settle.
      else this.#waiter?.settle({ kind: 'prompt', seq: event.seq, status: event.status })
    }
  }

  #write(text: string): void {
    // Once the shell is gone, waiters settle from its exit; there is nobody to type to.
    if (this.#exitStatus === undefined) this.#pty.write(text)
  }

  #sendCtrlC(): void {
    this.#ctrlCSent = true
    this.#write('\x03')
  }

  #assertUsable(action: string): void {
    if (this.#unusable !== undefined) throw new Error(`Cannot ${action}: the session was given up (${this.#unusable})`)
    if (this.#exitStatus !== undefined) throw new Error(`Cannot ${action}: the shell exited with status ${this.#exitStatus}`)
    if (this.#closing !== undefined) throw new Error(`Cannot ${action}: the session is closed`)
  }

  async #terminate(): Promise<void> {
    // SIGHUP first, as when a terminal window closes: bash passes it on to its jobs.
    if (this.#exitStatus === undefined) this.#pty.kill('SIGHUP')
    if (await settlesWithin(this.#exited, SESSION_DEFAULTS.killGraceMs)) return
    this.#pty.kill('SIGKILL')
    if (!(await settlesWithin(this.#exited, SESSION_DEFAULTS.killGraceMs))) {
      throw new Error(`Shell process ${this.#pty.pid} did not end after SIGKILL`)
    }
  }
}

/**
 * A cell's status from the prompt that ended it. A prompt that does not carry the cell's
 * number means bash abandoned the line: after our Ctrl-C, `$?` says how (130); without one,
 * eval hit an unterminated quote and `$?` is stale, so report what bash does elsewhere, 2.
 */
function cellStatus(outcome: Outcome | undefined, seq: number, ctrlCSent: boolean): number | null {
  if (outcome === undefined) return null
  if (outcome.kind === 'exit' || outcome.seq === seq || ctrlCSent) return outcome.status
  return SYNTAX_ERROR_STATUS
}

/** Whether `promise` settles within `ms` (the timer is cleared either way). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
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
function excerpt(text: string): string {
  const plain = text
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/[\x00-\x09\x0b-\x1f\x7f]/g, '')
    .trim()
  if (plain === '') return '(none)'
  return plain.length > 500 ? `…${plain.slice(-500)}` : plain
}
