// How a session talks to the shell in its terminal: typing framed lines, reading prompts,
// Ctrl-C until the shell is back, asking a nested shell to answer. session.ts builds what a
// reader does (cells, shells inside, commands left running) on top of it.
import { AFTER_SYNTAX_ERROR, frameCanonicalCommand, frameCommand, newToken, SentinelScanner, setupLine, syncLine, syncMarker } from './framing.js'
import { SESSION_DEFAULTS, type CommandResult, type SessionOptions } from './options.js'
import { ShellProcess } from './shell-process.js'
import { OutputCapture } from './output.js'
import { cellStatus, excerpt, startFailure, withoutInterruptLineEnd } from './session-helpers.js'
import { PromptReader, type Outcome, type WaitOptions } from './prompt-reader.js'
import { nestedFrame } from './nested-shells.js'

/** Status of a command stopped by Ctrl-C (128 + SIGINT). */
export const CTRL_C_STATUS = 130

/** When and as which number a cell started, and where its output goes. */
export interface CellStart {
  capture: OutputCapture
  seq: number
  start: number
  startedAt: string
}

export abstract class TerminalCore {
  protected readonly process: ShellProcess
  protected readonly token = newToken()
  protected readonly maxOutputBytes: number
  /** Reads the terminal: output to whoever waits (or kept for the next command), prompts, quiet. */
  protected readonly reader: PromptReader
  /** Number of the last cell sent (see frameCommand). */
  protected seq = 0
  /** The last cell ended in a syntax error, so the next line needs AFTER_SYNTAX_ERROR before it. */
  private afterSyntaxError = false
  /** Ctrl-C was sent while the current cell ran. */
  protected ctrlCSent = false
  /** Shells the lesson entered in this terminal (`docker exec -it box sh`), innermost last: the number of the cell that opened each. */
  protected readonly nested: number[] = []
  /** Exported in the shell at its start, and again in a shell that replaces it (`exec bash`). */
  protected readonly exports: Readonly<Record<string, string>>
  #unusable: string | undefined
  #closing: Promise<void> | undefined

  protected constructor(options: SessionOptions) {
    this.maxOutputBytes = options.maxOutputBytes ?? SESSION_DEFAULTS.maxOutputBytes
    this.exports = { ...SESSION_DEFAULTS.exports, ...options.exports }
    this.reader = new PromptReader(new SentinelScanner(this.token), this.maxOutputBytes)
    this.process = new ShellProcess(options, (chunk) => this.reader.push(chunk), (status) => this.reader.exited(status))
  }

  /** True once the shell exited, was closed, or was given up after a lost timeout. */
  get closed(): boolean {
    return this.process.exitStatus !== undefined || this.#closing !== undefined || this.#unusable !== undefined
  }

  /** True once the shell itself ended (`exit` at the top, a killed shell), not closed by us. */
  get exited(): boolean {
    return this.process.exitStatus !== undefined && this.#closing === undefined
  }

  /** Why the session was given up (Ctrl-C did not bring the prompt back), if it was. */
  get givenUp(): string | undefined {
    return this.#unusable
  }

  /** How many shells deep the terminal is: 0 in the shell it started with. */
  get depth(): number {
    return this.nested.length
  }

  /** End the shell (SIGHUP, then SIGKILL, and whatever it started in its terminal); idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.process.terminate()
    return this.#closing
  }

  /** Start the shell and type the setup line; resolves when the first command can be sent. */
  protected async start(argv: readonly string[]): Promise<void> {
    const capture = new OutputCapture(SESSION_DEFAULTS.maxOutputBytes)
    const setup = setupLine(this.token, this.exports)
    this.write(setup)
    const outcome = await this.waitForPrompt(capture, SESSION_DEFAULTS.readyTimeoutMs)
    if (outcome?.kind === 'prompt' && outcome.status === 0) return
    await this.close()
    throw startFailure(argv, outcome, excerpt(capture.text().replace(setup.trimEnd(), '')))
  }

  /** A cell starts: its number, and the output that arrived at the prompt opens its own. */
  protected begin(): CellStart {
    const capture = this.reader.takeIdle()
    this.ctrlCSent = false
    return { capture, seq: ++this.seq, start: performance.now(), startedAt: new Date().toISOString() }
  }

  /** The line that runs cell `seq` in the shell the terminal is in now; `canonical` for a command that may be typed into. */
  protected frame(command: string, seq: number, canonical = false): string {
    if (this.nested.length > 0) return nestedFrame(command, this.token, seq)
    const lead = this.afterSyntaxError ? AFTER_SYNTAX_ERROR : ''
    this.afterSyntaxError = false
    return lead + (canonical ? frameCanonicalCommand(command, seq) : frameCommand(command, seq))
  }

  /**
   * Which prompt ends cell `seq`. In a nested shell, only this cell's sentinel (or the top's
   * prompt as the nested shell ends) counts: a late answer to an earlier question is not its end.
   */
  protected endsCell(seq: number): (found: Outcome) => boolean {
    const opener = this.nested[0]
    return (found) => this.nested.length === 0 || (found.kind === 'prompt' && (found.seq === seq || found.seq === opener))
  }

  /**
   * Wait for cell `seq` to give its prompt back (unless `first` is that prompt, already seen);
   * on timeout or abort, Ctrl-C until the shell is back.
   */
  protected async awaitCell(cell: CellStart, { timeoutMs, signal }: { timeoutMs: number; signal: AbortSignal | undefined }, first?: Outcome): Promise<CommandResult> {
    const { capture, seq, start } = cell
    let outcome = first ?? (await this.waitForPrompt(capture, Math.max(0, timeoutMs - (performance.now() - start)), { signal, accept: this.endsCell(seq) }))
    // A single Ctrl-C can be lost (sent while bash hands the terminal to the command), so an
    // abort goes through the same repeated Ctrl-C as a timeout rather than one keystroke.
    const aborted = outcome === undefined && signal?.aborted === true
    const timedOut = outcome === undefined && !aborted
    if (aborted) outcome = await this.recover(capture, 'the build was interrupted')
    else if (timedOut) outcome = await this.recover(capture, `a command timed out after ${timeoutMs} ms`)
    // The top shell's prompt for the cell that opened the one nested shell: it ended on its own.
    if (outcome?.kind === 'prompt' && this.nested.length === 1 && outcome.seq === this.nested[0] && outcome.seq !== seq) {
      this.nestedEnded()
      outcome = { kind: 'prompt', seq, status: outcome.status }
    }
    return this.result(cell, outcome, timedOut)
  }

  /** The only nested shell ended on its own (`exit` inside a script, the container stopped). */
  protected nestedEnded(): void {
    this.nested.pop()
  }

  protected result({ capture, seq, start, startedAt }: CellStart, outcome: Outcome | undefined, timedOut: boolean): CommandResult {
    // An old `<seq>` at the top shell: bash abandoned the line at a syntax error (see frameCommand).
    if (outcome?.kind === 'prompt' && outcome.seq !== seq && !this.ctrlCSent && this.nested.length === 0) this.afterSyntaxError = true
    return {
      output: withoutInterruptLineEnd(capture.text(), this.ctrlCSent),
      exitCode: cellStatus(outcome, seq, this.ctrlCSent),
      startedAt,
      durationMs: Math.round(performance.now() - start),
      timedOut,
      truncated: capture.truncated,
    }
  }

  /**
   * Ask the nested shell the terminal is in to print a sentinel; true when it does in time.
   * Asked again each second: a line typed while a program was still ending (`docker exec`
   * going back to the shell below) can be swallowed by it.
   */
  protected async answer(capture: OutputCapture, timeoutMs: number, line = (seq: number) => nestedFrame(':', this.token, seq)): Promise<boolean> {
    const until = performance.now() + timeoutMs
    const asked: number[] = []
    while (performance.now() < until) {
      const seq = ++this.seq
      asked.push(seq)
      this.write(line(seq))
      const wait = Math.min(SESSION_DEFAULTS.nestedRetryMs, until - performance.now())
      const outcome = await this.waitForPrompt(capture, wait, { accept: (found) => found.kind === 'prompt' && asked.includes(found.seq) })
      if (outcome?.kind === 'prompt') return true
      if (outcome?.kind === 'exit') return false
    }
    return false
  }

  /** Ctrl-C until the prompt is back (then sync); give the session up after the last try. */
  protected async recover(capture: OutputCapture, why: string): Promise<Outcome | undefined> {
    for (let attempt = 0; attempt < SESSION_DEFAULTS.interruptAttempts; attempt++) {
      this.sendCtrlC()
      // A nested shell shows no prompt of its own: ask it to answer instead.
      if (this.nested.length > 0) {
        const answer = await this.answer(capture, SESSION_DEFAULTS.interruptGraceMs)
        if (answer) return { kind: 'prompt', seq: -1, status: CTRL_C_STATUS }
        continue
      }
      const outcome = await this.waitForPrompt(capture, SESSION_DEFAULTS.interruptGraceMs)
      if (outcome?.kind === 'exit') return outcome
      if (outcome && (await this.sync())) return outcome
    }
    const waited = (SESSION_DEFAULTS.interruptAttempts * SESSION_DEFAULTS.interruptGraceMs) / 1000
    this.#unusable = `${why}, and ${SESSION_DEFAULTS.interruptAttempts} Ctrl-C over ${waited} s did not bring back the prompt`
    await this.close()
    return undefined
  }

  /** Skip stray prompts (of extra Ctrl-Cs, of keys a program left for the shell), so the next command does not take one for its own. */
  protected async sync(): Promise<boolean> {
    // What came after the prompt that ended the stopped command is its debris, not the next
    // cell's: the rest of a line bash was reading when Ctrl-C came (`syntax error near `}'`).
    this.reader.takeIdle()
    const nonce = newToken()
    const capture = new OutputCapture(this.maxOutputBytes)
    this.write(syncLine(nonce))
    const marker = syncMarker(nonce)
    const outcome = await this.waitForPrompt(capture, SESSION_DEFAULTS.interruptGraceMs, { accept: () => capture.text().includes(marker) })
    return outcome?.kind === 'prompt'
  }

  /** Wait for a prompt that `accept`s (default: any), the shell's exit, or the timeout or abort (undefined). */
  protected waitForPrompt(capture: OutputCapture, timeoutMs: number, options: WaitOptions = {}): Promise<Outcome | undefined> {
    return this.reader.wait(capture, timeoutMs, options) as Promise<Outcome | undefined>
  }

  /** As waitForPrompt; with `quietMs`, also ends ('quiet') once no output came for that long. */
  protected wait(capture: OutputCapture, timeoutMs: number, options: WaitOptions): Promise<Outcome | 'quiet' | undefined> {
    return this.reader.wait(capture, timeoutMs, options)
  }

  protected write(text: string): void {
    this.process.write(text)
  }

  protected sendCtrlC(): void {
    this.ctrlCSent = true
    this.write('\x03')
  }

  protected assertUsable(action: string): void {
    if (this.#unusable !== undefined) throw new Error(`Cannot ${action}: the session was given up (${this.#unusable})`)
    if (this.process.exitStatus !== undefined) throw new Error(`Cannot ${action}: the shell exited with status ${this.process.exitStatus}`)
    if (this.#closing !== undefined) throw new Error(`Cannot ${action}: the session is closed`)
  }
}
