// One persistent interactive bash per lesson session, in a pseudo-terminal: variables, `cd`,
// exports and background jobs carry over from cell to cell as in a real terminal, and
// `docker exec -it` has the TTY it needs. Beside it: framing.ts (prompt sentinel, eval),
// prompt-reader.ts (output and waits), nested-shells.ts (shells the lesson opens inside),
// shell-process.ts (the pty), options.ts (defaults), output.ts (the output cap).
import { frameCommand, newToken, SentinelScanner, setupLine, syncLine, syncMarker } from './framing.js'
import { SESSION_DEFAULTS, type CommandResult, type SessionOptions } from './options.js'
import { ShellProcess } from './shell-process.js'
import { OutputCapture } from './output.js'
import { cellStatus, excerpt, startFailure } from './session-helpers.js'
import { PromptReader, type Outcome, type WaitOptions } from './prompt-reader.js'
import { exitStatusAsked, leavesShell, nestedFrame, nestedSetupLine, opensShell, replacesShell } from './nested-shells.js'

/** Status of a command stopped by Ctrl-C (128 + SIGINT). */
const CTRL_C_STATUS = 130

export class ShellSession {
  readonly #process: ShellProcess
  readonly #token = newToken()
  readonly #maxOutputBytes: number
  /** Reads the terminal: output to whoever waits (or kept for the next command), prompts, quiet. */
  readonly #reader: PromptReader
  #running: Promise<unknown> | undefined
  /** Number of the last cell sent (see frameCommand). */
  #seq = 0
  /** Ctrl-C was sent while the current cell ran. */
  #ctrlCSent = false
  #unusable: string | undefined
  #closing: Promise<void> | undefined
  /** Shells the lesson entered in this terminal (`docker exec -it box sh`), innermost last: the number of the cell that opened each. */
  readonly #nested: number[] = []

  private constructor(options: SessionOptions) {
    this.#maxOutputBytes = options.maxOutputBytes ?? SESSION_DEFAULTS.maxOutputBytes
    this.#reader = new PromptReader(new SentinelScanner(this.#token), this.#maxOutputBytes)
    this.#process = new ShellProcess(options, (chunk) => this.#reader.push(chunk), (status) => this.#reader.exited(status))
  }

  /** Start the shell and type the setup line; resolves when the first command can be sent. */
  static async open(options: SessionOptions): Promise<ShellSession> {
    const session = new ShellSession(options)
    await session.#start(options.shell)
    return session
  }

  /** True once the shell exited, was closed, or was given up after a lost timeout. */
  get closed(): boolean {
    return this.#process.exitStatus !== undefined || this.#closing !== undefined || this.#unusable !== undefined
  }

  /**
   * Run one cell; on timeout send Ctrl-C and report `timedOut`. Aborting `signal` stops the
   * command the same way (Ctrl-C until the prompt is back) without `timedOut`; a signal
   * already aborted sends nothing and gives `exitCode: null`. One command at a time.
   */
  async run(command: string, options: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<CommandResult> {
    this.#assertUsable('run a command')
    if (this.#running) throw new Error('Unexpected run() while a command is still running, expected one command at a time')
    const running = this.#dispatch(command, options.timeoutMs, options.signal)
    this.#running = running
    try {
      return await running
    } finally {
      this.#running = undefined
    }
  }

  /** True once the shell itself ended (`exit` at the top, a killed shell), not closed by us. */
  get exited(): boolean {
    return this.#process.exitStatus !== undefined && this.#closing === undefined
  }

  /** How many shells deep the terminal is: 0 in the shell it started with. */
  get depth(): number {
    return this.#nested.length
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
    this.#closing ??= this.#process.terminate()
    return this.#closing
  }

  async #start(argv: readonly string[]): Promise<void> {
    const capture = new OutputCapture(SESSION_DEFAULTS.maxOutputBytes)
    const setup = setupLine(this.#token)
    this.#write(setup)
    const outcome = await this.#waitForPrompt(capture, SESSION_DEFAULTS.readyTimeoutMs)
    if (outcome?.kind === 'prompt' && outcome.status === 0) return
    await this.close()
    throw startFailure(argv, outcome, excerpt(capture.text().replace(setup.trimEnd(), '')))
  }

  async #runFramed(command: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<CommandResult> {
    if (signal?.aborted) return { output: '', exitCode: null, startedAt: new Date().toISOString(), durationMs: 0, timedOut: false, truncated: false }
    const { capture, seq, start, startedAt } = this.#begin()
    this.#write(this.#frame(command, seq))
    return this.#awaitCell(capture, seq, { timeoutMs, signal, start, startedAt })
  }

  /**
   * Wait for cell `seq` to give its prompt back (unless `first` is that prompt, already seen);
   * on timeout or abort, Ctrl-C until the shell is back.
   */
  async #awaitCell(
    capture: OutputCapture,
    seq: number,
    { timeoutMs, signal, start, startedAt }: { timeoutMs: number; signal: AbortSignal | undefined; start: number; startedAt: string },
    first?: Outcome,
  ): Promise<CommandResult> {
    // In a nested shell, only this cell's sentinel (or the top's prompt as the nested shell ends)
    // counts: a late answer to an earlier question is not this cell's end.
    const accept = (found: Outcome) => this.#nested.length === 0 || (found.kind === 'prompt' && (found.seq === seq || found.seq === this.#nested[0]))
    let outcome = first ?? (await this.#waitForPrompt(capture, Math.max(0, timeoutMs - (performance.now() - start)), { signal, accept }))
    // A single Ctrl-C can be lost (sent while bash hands the terminal to the command), so an
    // abort goes through the same repeated Ctrl-C as a timeout rather than one keystroke.
    const aborted = outcome === undefined && signal?.aborted === true
    const timedOut = outcome === undefined && !aborted
    if (aborted) outcome = await this.#recover(capture, 'the build was interrupted')
    else if (timedOut) outcome = await this.#recover(capture, `a command timed out after ${timeoutMs} ms`)
    // The top shell's prompt for the cell that opened the one nested shell: it ended on its own.
    if (outcome?.kind === 'prompt' && this.#nested.length === 1 && outcome.seq === this.#nested[0] && outcome.seq !== seq) {
      this.#nested.pop()
      outcome = { kind: 'prompt', seq, status: outcome.status }
    }
    return this.#result(capture, outcome, seq, start, startedAt, timedOut)
  }

  #result(capture: OutputCapture, outcome: Outcome | undefined, seq: number, start: number, startedAt: string, timedOut: boolean): CommandResult {
    return {
      output: capture.text(),
      exitCode: cellStatus(outcome, seq, this.#ctrlCSent),
      startedAt,
      durationMs: Math.round(performance.now() - start),
      timedOut,
      truncated: capture.truncated,
    }
  }

  /** Shells inside the terminal: entering, leaving and replacing one are told apart from other commands. */
  #dispatch(command: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<CommandResult> {
    if (this.#nested.length > 0 && leavesShell(command)) return this.#leaveNested(command, timeoutMs, signal)
    if (this.#nested.length === 0 && replacesShell(command)) return this.#replaceShell(command, timeoutMs, signal)
    if (opensShell(command)) return this.#enterNested(command, timeoutMs, signal)
    return this.#runFramed(command, timeoutMs, signal)
  }

  /** The line that runs cell `seq` in the shell the terminal is in now. */
  #frame(command: string, seq: number): string {
    return this.#nested.length > 0 ? nestedFrame(command, this.#token, seq) : frameCommand(command, seq)
  }

  /**
   * Ask the nested shell the terminal is in to print a sentinel; true when it does in time.
   * Asked again each second: a line typed while a program was still ending (`docker exec`
   * going back to the shell below) can be swallowed by it.
   */
  async #answer(capture: OutputCapture, timeoutMs: number, line = (seq: number) => nestedFrame(':', this.#token, seq)): Promise<boolean> {
    const until = performance.now() + timeoutMs
    const asked: number[] = []
    while (performance.now() < until) {
      const seq = ++this.#seq
      asked.push(seq)
      this.#write(line(seq))
      const wait = Math.min(SESSION_DEFAULTS.nestedRetryMs, until - performance.now())
      const outcome = await this.#waitForPrompt(capture, wait, { accept: (found) => found.kind === 'prompt' && asked.includes(found.seq) })
      if (outcome?.kind === 'prompt') return true
      if (outcome?.kind === 'exit') return false
    }
    return false
  }

  /**
   * A command that likely opens a shell: once its output is quiet with no prompt back, the
   * shell waiting inside is set up and must answer; the terminal then types into it. A command
   * that was no shell after all ends or times out as any other.
   */
  async #enterNested(command: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<CommandResult> {
    const { capture, seq, start, startedAt } = this.#begin()
    this.#write(this.#frame(command, seq))
    const first = await this.#wait(capture, timeoutMs, { signal, quietMs: SESSION_DEFAULTS.nestedQuietMs })
    if (first !== 'quiet') return this.#awaitCell(capture, seq, { timeoutMs: 0, signal, start, startedAt }, first)
    const setup = new OutputCapture(this.#maxOutputBytes)
    if (await this.#answer(setup, SESSION_DEFAULTS.nestedAnswerMs, (answerSeq) => nestedSetupLine(this.#token, answerSeq))) {
      this.#nested.push(seq)
      return { output: capture.text(), exitCode: 0, startedAt, durationMs: Math.round(performance.now() - start), timedOut: false, truncated: capture.truncated }
    }
    return this.#awaitCell(capture, seq, { timeoutMs, signal, start, startedAt })
  }

  /** `exit` in a nested shell: back to the one below, which must answer (the top one with its own prompt). */
  async #leaveNested(command: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<CommandResult> {
    const { capture, seq, start, startedAt } = this.#begin()
    const opener = this.#nested.pop()!
    this.#write(`${command.trim()}\n`)
    let outcome: Outcome | undefined
    if (this.#nested.length === 0) {
      outcome = await this.#waitForPrompt(capture, timeoutMs, { signal, accept: (found) => found.kind === 'prompt' && found.seq === opener })
      // The status the shell below reports is whatever the last command inside left; the reader only left.
      if (outcome?.kind === 'prompt') outcome = { kind: 'prompt', seq, status: exitStatusAsked(command) }
    } else if (await this.#answer(capture, timeoutMs)) {
      outcome = { kind: 'prompt', seq, status: exitStatusAsked(command) }
    }
    if (outcome) return this.#result(capture, outcome, seq, start, startedAt, false)
    this.#nested.push(opener)
    return this.#awaitCell(capture, seq, { timeoutMs: 0, signal, start, startedAt })
  }

  /** `exec bash`: the top shell is replaced; the new one is set up as the first was, and the terminal goes on. */
  async #replaceShell(command: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<CommandResult> {
    const { capture, seq, start, startedAt } = this.#begin()
    this.#write(frameCommand(command, seq))
    const first = await this.#wait(capture, timeoutMs, { signal, quietMs: SESSION_DEFAULTS.nestedQuietMs })
    if (first !== 'quiet') return this.#awaitCell(capture, seq, { timeoutMs: 0, signal, start, startedAt }, first)
    const setup = new OutputCapture(this.#maxOutputBytes)
    this.#write(setupLine(this.#token))
    const ready = await this.#waitForPrompt(setup, SESSION_DEFAULTS.readyTimeoutMs, { signal })
    if (ready?.kind === 'prompt') return this.#result(capture, { kind: 'prompt', seq, status: ready.status }, seq, start, startedAt, false)
    return this.#awaitCell(capture, seq, { timeoutMs: 0, signal, start, startedAt }, ready)
  }

  /** A cell starts: its number, and the output that arrived at the prompt opens its own. */
  #begin(): { capture: OutputCapture; seq: number; start: number; startedAt: string } {
    const capture = this.#reader.takeIdle()
    this.#ctrlCSent = false
    return { capture, seq: ++this.#seq, start: performance.now(), startedAt: new Date().toISOString() }
  }

  /** Ctrl-C until the prompt is back (then sync); give the session up after the last try. */
  async #recover(capture: OutputCapture, why: string): Promise<Outcome | undefined> {
    for (let attempt = 0; attempt < SESSION_DEFAULTS.interruptAttempts; attempt++) {
      this.#sendCtrlC()
      // A nested shell shows no prompt of its own: ask it to answer instead.
      if (this.#nested.length > 0) {
        const answer = await this.#answer(capture, SESSION_DEFAULTS.interruptGraceMs)
        if (answer) return { kind: 'prompt', seq: -1, status: CTRL_C_STATUS }
        continue
      }
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
  #waitForPrompt(capture: OutputCapture, timeoutMs: number, options: WaitOptions = {}): Promise<Outcome | undefined> {
    return this.#reader.wait(capture, timeoutMs, options) as Promise<Outcome | undefined>
  }

  /** As #waitForPrompt; with `quietMs`, also ends ('quiet') once no output came for that long. */
  #wait(capture: OutputCapture, timeoutMs: number, options: WaitOptions): Promise<Outcome | 'quiet' | undefined> {
    return this.#reader.wait(capture, timeoutMs, options)
  }

  #write(text: string): void {
    this.#process.write(text)
  }

  #sendCtrlC(): void {
    this.#ctrlCSent = true
    this.#write('\x03')
  }

  #assertUsable(action: string): void {
    if (this.#unusable !== undefined) throw new Error(`Cannot ${action}: the session was given up (${this.#unusable})`)
    if (this.#process.exitStatus !== undefined) throw new Error(`Cannot ${action}: the shell exited with status ${this.#process.exitStatus}`)
    if (this.#closing !== undefined) throw new Error(`Cannot ${action}: the session is closed`)
  }
}
