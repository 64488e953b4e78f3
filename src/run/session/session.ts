// One persistent interactive bash per lesson session, in a pseudo-terminal: variables, `cd`,
// exports and background jobs carry over from cell to cell as in a real terminal, and
// `docker exec -it` has the TTY it needs. This file is what a reader does at the terminal:
// type a cell, enter and leave shells, leave a command running and come back to it (stop it,
// wait for it, type into it). terminal-core.ts talks to the shell; beside them: framing.ts
// (prompt sentinel, eval), prompt-reader.ts (output and waits), nested-shells.ts, held-output.ts,
// shell-process.ts (the pty), options.ts (defaults), output.ts (the output cap).
import { frameCommand, setupLine } from './framing.js'
import { drawsScreen, trailingPrompt, withoutEcho, withoutLastLine } from './held-output.js'
import { exitStatusAsked, leavesShell, nestedSetupLine, opensShell, promptIn, replacesShell, type NestedPrompt } from './nested-shells.js'
import { SESSION_DEFAULTS, type CommandResult, type LeftRunning, type RunOptions, type SessionOptions } from './options.js'
import { OutputCapture } from './output.js'
import type { Outcome } from './prompt-reader.js'
import { cellStatus, withoutInterruptLineEnd } from './session-helpers.js'
import { TerminalCore, type CellStart } from './terminal-core.js'

/** A command left running in the terminal: the cell whose prompt will end it, and what was typed into it last. */
interface Held extends CellStart {
  /** Text typed into the program for the cell that holds the output now; its echo is not output. */
  typed: string
  /** The program was on the full screen when this cell's output began (it entered it in an earlier cell's). */
  screen: boolean
}

export class ShellSession extends TerminalCore {
  #running: Promise<unknown> | undefined
  /** The prompt a reader sees inside each nested shell (`/ # `) and where the shell was then, innermost last; '' when none was seen. */
  readonly #nestedPrompts: NestedPrompt[] = []
  #held: Held | undefined

  private constructor(options: SessionOptions) {
    super(options)
  }

  /** Start the shell and type the setup line; resolves when the first command can be sent. */
  static async open(options: SessionOptions): Promise<ShellSession> {
    const session = new ShellSession(options)
    await session.start(options.shell)
    return session
  }

  /**
   * Run one cell; on timeout send Ctrl-C and report `timedOut`. Aborting `signal` stops the
   * command the same way (Ctrl-C until the prompt is back) without `timedOut`; a signal
   * already aborted sends nothing and gives `exitCode: null`. With `settle`, a command still
   * running once settled is left running (`leftRunning: 'still-running'`) and the terminal is
   * `busy` until it is released. One command at a time.
   */
  async run(command: string, options: RunOptions): Promise<CommandResult> {
    this.assertUsable('run a command')
    if (this.#held) throw new Error('Unexpected run() while a command is left running, expected release() or type() first')
    const prompt = this.#currentPrompt()
    return this.#exclusive(async () => {
      const result = await this.#dispatch(command, options)
      return prompt ? { ...result, prompt } : result
    })
  }

  /** A command is left running in the terminal (it may have ended since: see release). */
  get busy(): boolean {
    return this.#held !== undefined
  }

  /** What runs is a full-screen program, or waits at a prompt of its own: what the lesson types next is for it. */
  get busyReadsInput(): boolean {
    if (!this.#held || this.reader.heldEnd) return false
    const output = this.#held.capture.text()
    return drawsScreen(output, this.#held.screen) || trailingPrompt(output) !== undefined
  }

  /** The prompt the command left running waits at (`New password: `), if it waits at one. */
  get heldPrompt(): string | undefined {
    if (!this.#held || this.reader.heldEnd) return undefined
    return trailingPrompt(this.#held.capture.text())
  }

  /** The command left running as it is now, still running. */
  snapshot(): CommandResult | undefined {
    return this.#held && this.#heldResult(this.#held, undefined, 'still-running')
  }

  /**
   * Come back to the command left running: its whole output and how it ended. `ctrl-c` stops
   * it (Ctrl-C until the prompt is back); `wait` waits up to `timeoutMs` for it to end and
   * gives undefined (still busy) if it did not. A command that ended by itself is `ended`.
   */
  async release(how: 'ctrl-c' | 'wait', { timeoutMs, signal }: RunOptions): Promise<CommandResult | undefined> {
    this.assertUsable('come back to a command left running')
    const held = this.#held
    if (!held) return undefined
    return this.#exclusive(async () => {
      let outcome = this.reader.release()
      let ended: LeftRunning = 'ended'
      if (!outcome && how === 'wait') {
        outcome = await this.waitForPrompt(held.capture, timeoutMs, { signal, accept: this.endsCell(held.seq) })
        if (!outcome) {
          this.reader.hold(held.capture, this.endsCell(held.seq))
          return undefined
        }
      } else if (!outcome) {
        ended = 'ctrl-c'
        outcome = await this.recover(held.capture, `\`interrupt\` was asked for a command left running`)
      }
      this.#held = undefined
      return this.#heldResult(held, outcome, ended)
    })
  }

  /**
   * Type `text` into the command left running (keys for `top`, `vi`, a line for a REPL or a
   * password prompt). What it printed so far is `previous` (left with these keys); what it
   * prints next is this cell's, until it ends or settles again (then it is still held).
   */
  async type(text: string, { timeoutMs, signal, settle }: RunOptions): Promise<{ previous: CommandResult; current: CommandResult } | undefined> {
    this.assertUsable('type into a command left running')
    const held = this.#held
    if (!held || this.reader.heldEnd) return undefined
    return this.#exclusive(async () => {
      const before = held.capture.text()
      const screen = drawsScreen(before, held.screen)
      const prompt = screen ? undefined : trailingPrompt(before)
      const previous = { ...this.#heldResult(held, undefined, 'keys'), ...(prompt === undefined ? {} : { output: withoutLastLine(withoutEcho(before, held.typed)) }) }
      const cell: Held = { capture: new OutputCapture(this.maxOutputBytes), seq: held.seq, start: performance.now(), startedAt: new Date().toISOString(), typed: screen ? '' : text, screen }
      this.reader.moveHeld(cell.capture)
      this.ctrlCSent = false
      this.write(text)
      const bound = Math.min(settle?.settleMs ?? timeoutMs, timeoutMs)
      const first = await this.wait(cell.capture, bound, { signal, quietMs: settle?.quietMs ?? SESSION_DEFAULTS.nestedQuietMs, accept: this.endsCell(held.seq) })
      let current: CommandResult
      if (first !== undefined && first !== 'quiet') {
        this.reader.release()
        this.#held = undefined
        current = this.#heldResult(cell, first, undefined)
        // Keys the program did not read (the Enter after `q`) reach the shell: skip the prompts they give.
        if (this.nested.length === 0) await this.sync()
      } else if (signal?.aborted) {
        this.reader.release()
        this.#held = undefined
        current = this.#heldResult(cell, await this.recover(cell.capture, 'the build was interrupted'), undefined)
      } else {
        this.#held = cell
        current = this.#heldResult(cell, undefined, 'still-running')
      }
      return { previous, current: prompt === undefined ? current : { ...current, prompt } }
    })
  }

  /** Send Ctrl-C and wait for the prompt (Katacoda `{{execute interrupt}}` with nothing left running). */
  async interrupt(): Promise<void> {
    this.assertUsable('interrupt')
    if (this.#running) {
      // The running command's own run() reports what Ctrl-C did to it.
      this.sendCtrlC()
      await this.#running
      return
    }
    if (this.#held) {
      await this.release('ctrl-c', { timeoutMs: 0 })
      return
    }
    const done = await this.#exclusive(() => this.recover(new OutputCapture(this.maxOutputBytes), 'interrupt requested'))
    if (done === undefined) this.assertUsable('interrupt')
  }

  protected override nestedEnded(): void {
    super.nestedEnded()
    this.#nestedPrompts.pop()
  }

  /** One thing at a time talks to the terminal. */
  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running) throw new Error('Unexpected use of the terminal while a command is still running, expected one command at a time')
    const running = work()
    this.#running = running
    try {
      return await running
    } finally {
      this.#running = undefined
    }
  }

  #heldResult(held: Held | CellStart, outcome: Outcome | undefined, leftRunning: LeftRunning | undefined): CommandResult {
    const typed = 'typed' in held ? held.typed : ''
    const result: CommandResult = {
      output: withoutInterruptLineEnd(withoutEcho(held.capture.text(), typed), this.ctrlCSent),
      exitCode: outcome === undefined ? null : cellStatus(outcome, held.seq, this.ctrlCSent),
      startedAt: held.startedAt,
      durationMs: Math.round(performance.now() - held.start),
      timedOut: false,
      truncated: held.capture.truncated,
    }
    return leftRunning === undefined ? result : { ...result, leftRunning }
  }

  /** The innermost nested shell's prompt where that shell is now: a `cd` inside it shows in the prompts that follow. */
  #currentPrompt(): string | undefined {
    const nested = this.#nestedPrompts.at(-1)
    if (!nested?.prompt) return undefined
    const now = this.reader.place
    return nested.openedIn && now ? promptIn(nested.prompt, nested.openedIn, now) : nested.prompt
  }

  /** Shells inside the terminal: entering, leaving and replacing one are told apart from other commands. */
  #dispatch(command: string, options: RunOptions): Promise<CommandResult> {
    if (this.nested.length > 0 && leavesShell(command)) return this.#leaveNested(command, options)
    if (this.nested.length === 0 && replacesShell(command)) return this.#replaceShell(command, options)
    if (options.attachesShell || opensShell(command)) return this.#enterNested(command, options)
    return this.#runFramed(command, options)
  }

  async #runFramed(command: string, { timeoutMs, signal, settle }: RunOptions): Promise<CommandResult> {
    if (signal?.aborted) return { output: '', exitCode: null, startedAt: new Date().toISOString(), durationMs: 0, timedOut: false, truncated: false }
    const cell = this.begin()
    this.write(this.frame(command, cell.seq, settle !== undefined))
    if (!settle) return this.awaitCell(cell, { timeoutMs, signal })
    const first = await this.wait(cell.capture, Math.min(settle.settleMs, timeoutMs), { signal, quietMs: settle.quietMs, accept: this.endsCell(cell.seq) })
    if (first !== 'quiet' && (first !== undefined || signal?.aborted)) return this.awaitCell(cell, { timeoutMs: 0, signal }, first)
    // Settled and still running: the lesson goes on; its output keeps coming into its capture.
    this.#held = { ...cell, typed: '', screen: false }
    this.reader.hold(cell.capture, this.endsCell(cell.seq))
    return this.#heldResult(this.#held, undefined, 'still-running')
  }

  /**
   * A command that likely opens a shell: once its output is quiet with no prompt back, the
   * shell waiting inside is set up and must answer; the terminal then types into it. A command
   * that was no shell after all ends or times out as any other.
   */
  async #enterNested(command: string, { timeoutMs, signal, attachesShell }: RunOptions): Promise<CommandResult> {
    const cell = this.begin()
    this.write(this.frame(command, cell.seq))
    // Only this cell's end counts: a late answer the shell below gave an earlier question is not it.
    const waitOptions = { signal, quietMs: SESSION_DEFAULTS.nestedQuietMs, accept: this.endsCell(cell.seq) }
    const until = performance.now() + timeoutMs
    let first = await this.wait(cell.capture, timeoutMs, waitOptions)
    // Nothing printed yet: a container may still be starting (`docker run -it alpine sh`), and
    // its shell's prompt, shown before the cells typed inside, is still to come.
    // A shell attached to (`docker attach box`) drew its prompt before: nothing more is to come.
    const silentTries = attachesShell ? 0 : SESSION_DEFAULTS.nestedSilentTries
    for (let tries = 0; first === 'quiet' && cell.capture.text() === '' && tries < silentTries; tries++) {
      first = await this.wait(cell.capture, Math.max(0, until - performance.now()), waitOptions)
    }
    if (first !== 'quiet') return this.awaitCell(cell, { timeoutMs: 0, signal }, first)
    const setup = new OutputCapture(this.maxOutputBytes)
    if (await this.answer(setup, SESSION_DEFAULTS.nestedAnswerMs, (answerSeq) => nestedSetupLine(this.token, answerSeq))) {
      this.nested.push(cell.seq)
      // The shell's own prompt ends what the opener printed: it is shown before the cells typed inside.
      const output = cell.capture.text()
      const prompt = trailingPrompt(output)
      this.#nestedPrompts.push({ prompt: prompt ?? '', openedIn: this.reader.place })
      const result = this.result(cell, { kind: 'prompt', seq: cell.seq, status: 0 }, false)
      return prompt === undefined ? result : { ...result, output: withoutLastLine(output) }
    }
    return this.awaitCell(cell, { timeoutMs, signal })
  }

  /**
   * Docker's detach keys (Ctrl-P Ctrl-Q) typed in a shell `docker run -it` opened: back to the
   * shell below, as `exit` goes, the container left running. Outside a nested shell, nothing.
   */
  detach(options: RunOptions): Promise<CommandResult | undefined> {
    this.assertUsable('detach from a container')
    if (this.nested.length === 0) return Promise.resolve(undefined)
    return this.#exclusive(() => this.#leaveNested('^P^Q', options, '\x10\x11'))
  }

  /** `exit` in a nested shell (or the keys `typed`): back to the one below, which must answer (the top one with its own prompt). */
  async #leaveNested(command: string, { timeoutMs, signal }: RunOptions, typed = `${command.trim()}\n`): Promise<CommandResult> {
    const cell = this.begin()
    const opener = this.nested.pop()!
    const prompt = this.#nestedPrompts.pop()
    this.write(typed)
    let outcome: Outcome | undefined
    if (this.nested.length === 0) {
      outcome = await this.waitForPrompt(cell.capture, timeoutMs, { signal, accept: (found) => found.kind === 'prompt' && found.seq === opener })
      // The status the shell below reports is whatever the last command inside left; the reader only left.
      if (outcome?.kind === 'prompt') outcome = { kind: 'prompt', seq: cell.seq, status: exitStatusAsked(command) }
    } else if (await this.answer(cell.capture, timeoutMs)) {
      outcome = { kind: 'prompt', seq: cell.seq, status: exitStatusAsked(command) }
    }
    if (outcome) return this.result(cell, outcome, false)
    this.nested.push(opener)
    this.#nestedPrompts.push(prompt ?? { prompt: '', openedIn: undefined })
    return this.awaitCell(cell, { timeoutMs: 0, signal })
  }

  /** `exec bash`: the top shell is replaced; the new one is set up as the first was, and the terminal goes on. */
  async #replaceShell(command: string, { timeoutMs, signal }: RunOptions): Promise<CommandResult> {
    const cell = this.begin()
    this.write(frameCommand(command, cell.seq))
    const first = await this.wait(cell.capture, timeoutMs, { signal, quietMs: SESSION_DEFAULTS.nestedQuietMs })
    if (first !== 'quiet') return this.awaitCell(cell, { timeoutMs: 0, signal }, first)
    const setup = new OutputCapture(this.maxOutputBytes)
    this.write(setupLine(this.token, this.exports))
    const ready = await this.waitForPrompt(setup, SESSION_DEFAULTS.readyTimeoutMs, { signal })
    if (ready?.kind === 'prompt') return this.result(cell, { kind: 'prompt', seq: cell.seq, status: ready.status }, false)
    return this.awaitCell(cell, { timeoutMs: 0, signal }, ready)
  }
}
