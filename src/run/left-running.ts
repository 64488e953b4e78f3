// Commands a lesson leaves running in a terminal (a server, `top -b` in T2, `vi`, a REPL) and
// what the next cell in that terminal does to them, as a reader would: `interrupt` stops it
// with Ctrl-C; keys, or a line for a program waiting at its own prompt, are typed into it; a
// command that never ends by itself (`tail -f`) is stopped with Ctrl-C, as the reader did;
// anything else waits for it to end (bounded), as a typed line would. The cell left running
// keeps receiving output until then; its capture is updated with the whole of it.
import type { CellCapture } from '../captures/index.js'
import { describeOrigin, readsAsShellCommand, type Cell, type LessonPlan } from '../plan/index.js'
import { excerpt, info, type RuleId } from '../messages.js'
import type { Position } from 'unist'
import { SESSION_DEFAULTS, type CommandResult, type RunOptions, type ShellSession } from './session/index.js'
import { tail } from './output-tail.js'

export interface LeftRunningContext {
  plan: LessonPlan
  signal: AbortSignal | undefined
  captures: Record<string, CellCapture>
  fail(reason: string, place: Position, ruleId: RuleId, note?: string): void
}

/** How a cell left running settles: its options, or the defaults. */
export function settleOf(cell: Cell): RunOptions['settle'] {
  if (!cell.options.background) return undefined
  return { quietMs: cell.options.quietMs ?? SESSION_DEFAULTS.settleQuietMs, settleMs: cell.options.settleMs ?? SESSION_DEFAULTS.settleMs }
}

/** `^C`, `^D^C`, `^[`: control keys written with a caret, as bytes; other keys as written. */
export function keyBytes(keys: string): string {
  const text = keys.trim()
  if (!/^(?:\^[A-Z@[\\\]^_?])+$/.test(text)) return keys
  return text.replace(/\^(.)/g, (_, key: string) => (key === '?' ? '\x7f' : String.fromCharCode(key.charCodeAt(0) - 64)))
}

/** `New password: `, `Retype new password:`, `Passwort:`, `Mot de passe :`, `密码：`. */
const passwordPrompt = /(?:password|passwort|passphrase|mot de passe|contraseña|senha|密码)[^\n]*[:：]\s*$/i

export class LeftRunningCells {
  /** The cell whose command holds each busy terminal, by terminal name. */
  readonly #holders = new Map<string, Cell>()
  /** The cell that started what runs in each busy terminal (the holder, or the cell a line was first typed after). */
  readonly #programs = new Map<string, Cell>()

  constructor(private readonly ctx: LeftRunningContext) {}

  /** `cell` was left running in its terminal (or holds the output of `program`, which it was typed into). */
  hold(cell: Cell, program: Cell = cell): void {
    this.#holders.set(cell.options.session, cell)
    this.#programs.set(cell.options.session, program)
  }

  /**
   * Before `cell`, in a terminal where a command is left running: stop it, type into it, or
   * wait for it. Returns the cell's own capture when the cell was consumed (typed into the
   * program, or a `^C` key); undefined when the cell still has to run at the prompt.
   */
  async comeBack(cell: Cell, session: ShellSession, { command, line }: { command: string; line: string }): Promise<CellCapture | undefined> {
    const name = cell.options.session
    const holder = this.#holders.get(name)
    if (!holder) return undefined
    const program = this.#programs.get(name) ?? holder
    const options: RunOptions = { timeoutMs: cell.options.timeoutMs, signal: this.ctx.signal }
    const keys = cell.options.keys ? keyBytes(cell.command) : undefined
    const typing = { ...options, settle: settleOf(cell) ?? { quietMs: SESSION_DEFAULTS.settleQuietMs, settleMs: cell.options.timeoutMs } }
    // A filter reading the terminal (`tr a-z A-Z`): the next cell is the line the reader typed, then Ctrl-D ends it.
    if (program.readsTyping && keys === undefined && !cell.options.interrupt) {
      if (holder === program) {
        const typed = await session.type(`${line}\r`, typing)
        if (typed) {
          this.#settle(holder, typed.previous)
          return this.#typedCapture(cell, command, typed.current, program)
        }
      } else {
        const ended = await session.type('\x04', typing)
        if (ended) {
          // What the filter printed at the end of its input (`sort`, `wc`) belongs with the last line typed.
          this.#settle(holder, { ...ended.current, output: ended.previous.output + ended.current.output, durationMs: ended.previous.durationMs + ended.current.durationMs })
          if (ended.current.leftRunning !== undefined) await session.release('ctrl-c', options)
          return undefined
        }
      }
    }
    // What never ends by itself (`tail -f`, a server) the reader stopped before typing on, as the lesson's text tells them.
    // `watch` draws a screen but reads no keys but Ctrl-C.
    const readsInput = session.busyReadsInput && !/^\s*(?:sudo\s+)?watch\b/.test(program.command)
    // A password the lesson does not give (`passwd user1`, then `su -l user1`): a command line is
    // no password, so none is typed; Enter is pressed until the program gives up (see below).
    const passwordNotGiven = keys === undefined && /\s/.test(cell.command.trim()) && passwordPrompt.test(session.heldPrompt ?? '')
    if (passwordNotGiven && !cell.options.interrupt && (await this.#pressEnterAtPassword(holder, session, typing, options))) return undefined
    const stop = cell.options.interrupt || keys === '\x03' || (keys === undefined && !readsInput && program.keepsRunning === true)
    if (stop) {
      this.#settle(holder, await session.release('ctrl-c', options))
      if (keys === undefined) return undefined
      return { ...base(cell, command), output: '', exitCode: 0, durationMs: 0, startedAt: new Date().toISOString(), timedOut: false, truncated: false, status: 'ok' }
    }
    // An editor (`nano notes.txt`; `vim app.py` when the next line is a shell's): the reader
    // typed, saved and left it before the next command, as the lesson says in words.
    const leavesEditor = program.editorLeaveKeys !== undefined && (!program.viEditor || cell.options.hidden || readsAsShellCommand(cell.command))
    if (keys === undefined && leavesEditor) {
      const left = await this.#leaveEditor(session, program.editorLeaveKeys!, typing)
      if (left) {
        this.#settle(holder, left)
        if (session.busy) await session.release('ctrl-c', options)
        // Nothing typed into it, and no hidden cell next (the author's stand-in for the reader's typing).
        if (holder === program && !cell.options.hidden) {
          const reason = `\`${excerpt(program.command)}\` left with nothing typed in it before \`${excerpt(cell.command)}\` (${this.#where(cell)}), as a reader leaves it: what they type in it is not in the lesson; if later commands need it, write the file in a hidden cell after it (\`{{exec}}{hidden}\`, \`{hidden}\`)`
          info(this.ctx.plan.file, reason, program.position, 'editor-left')
        }
        return undefined
      }
    }
    // A pager or monitor (`ps aux | less`, `top`) the reader quit with `q` before the next command, as the lesson tells them.
    if (keys === undefined && program.quitKey !== undefined && !looksLikeKeys(cell.command)) {
      const quit = await session.type(program.quitKey, typing)
      if (quit) {
        this.#settle(holder, quit.previous)
        // Still on the screen after `q`: Ctrl-C, rather than typing the next command into it.
        if (quit.current.leftRunning !== undefined) await session.release('ctrl-c', options)
        return undefined
      }
    }
    if (keys !== undefined || readsInput) {
      const typed = await session.type(keys ?? `${viEscape(program, line)}${line}\r`, typing)
      if (typed) {
        this.#settle(holder, typed.previous)
        return this.#typedCapture(cell, command, typed.current, program)
      }
    }
    // Not reading the terminal (a server, `sleep`): a line typed now would run once it ends.
    const ended = await session.release('wait', options)
    if (ended) {
      this.#settle(holder, ended)
      return undefined
    }
    this.ctx.fail(
      `Unexpected terminal ${name} still busy after ${cell.options.timeoutMs / 1000} s with \`${excerpt(holder.command)}\` (${this.#where(holder)}), expected it to end before \`${excerpt(cell.command)}\`: stop it first with \`interrupt\` (\`{{execute interrupt}}\`), or run it in another terminal`,
      cell.position,
      'terminal-busy',
    )
    this.#settle(holder, await session.release('ctrl-c', options))
    return undefined
  }

  /** Each of `keys` in turn while the editor runs. What it showed before the first is the holder's output; what came after (its exit) is not shown. */
  async #leaveEditor(session: ShellSession, keys: readonly string[], typing: RunOptions): Promise<CommandResult | undefined> {
    let shown: CommandResult | undefined
    for (const key of keys) {
      const typed = await session.type(key, typing)
      if (!typed) break
      shown ??= typed.previous
      if (typed.current.leftRunning === undefined) break
    }
    return shown
  }

  /**
   * At a password prompt the lesson gives no password for: Enter, as a reader with nothing to
   * type would press, until the program gives up (an empty password is refused; `passwd` asks
   * for it and its retype three times), then Ctrl-C if it still waits. Ctrl-C alone is not enough: a password reader
   * that takes the terminal byte by byte reads it as a character. True when the terminal is free.
   */
  async #pressEnterAtPassword(holder: Cell, session: ShellSession, typing: RunOptions, options: RunOptions): Promise<boolean> {
    const outputs: string[] = []
    let last: CommandResult | undefined
    let duration = 0
    for (let tries = 0; tries < 8 && passwordPrompt.test(session.heldPrompt ?? ''); tries++) {
      const pressed = await session.type('\r', typing)
      if (!pressed) break
      // The prompt answered, as the terminal showed it, and the line Enter ended.
      outputs.push(`${pressed.previous.output}${pressed.current.prompt ?? ''}\n`)
      duration += pressed.previous.durationMs
      last = pressed.current
      if (last.leftRunning !== 'still-running') break
    }
    if (!last) return false
    let end: CommandResult = { ...last, output: outputs.join('') + last.output, durationMs: duration + last.durationMs }
    if (last.leftRunning === 'still-running') {
      // Ended after its last answer (its shell prompt came back), or still asking: Ctrl-C then.
      const stopped = await session.release(passwordPrompt.test(session.heldPrompt ?? '') ? 'ctrl-c' : 'wait', options)
      if (stopped) end = { ...stopped, output: outputs.join('') + stopped.output, durationMs: duration + stopped.durationMs }
    }
    // It ended (its status is judged as any cell's), or stopping it failed (#settle says so).
    this.#settle(holder, { ...end, leftRunning: end.leftRunning ?? 'ended' })
    return !session.busy
  }

  /** The lesson ended: what is left running is recorded as it is, then stopped so teardown can run. */
  async endAll(sessionOf: (name: string) => ShellSession | undefined): Promise<void> {
    for (const [name, holder] of [...this.#holders]) {
      const session = sessionOf(name)
      const now = session?.snapshot()
      if (now) this.#settle(holder, now)
      if (session && !session.closed) await session.release('ctrl-c', { timeoutMs: 0 }).catch(() => undefined)
      this.#release(name)
    }
  }

  /** The cell typed into a program: its output, and whether the program still runs. */
  #typedCapture(cell: Cell, command: string, result: CommandResult, program: Cell): CellCapture {
    if (result.leftRunning === 'still-running') this.hold(cell, program)
    else this.#release(cell.options.session)
    const ok = result.leftRunning !== undefined || result.exitCode === cell.options.exit
    if (!ok) {
      this.ctx.fail(`Unexpected exit status ${result.exitCode ?? 'unknown'} after typing \`${excerpt(cell.command)}\` into the program running in terminal ${cell.options.session}, expected ${cell.options.exit}`, cell.position, 'unexpected-exit', tail(result.output))
    }
    return { ...base(cell, command), ...result, status: ok ? 'ok' : 'failed' }
  }

  /** The command left running came back (or is recorded as it is): its capture gets the whole output. */
  #settle(holder: Cell, result: CommandResult | undefined): void {
    if (!result) return
    const program = this.#programs.get(holder.options.session) ?? holder
    if (result.leftRunning !== 'still-running') this.#release(holder.options.session)
    const earlier = this.ctx.captures[holder.id]
    if (!earlier) return
    const failed = (result.leftRunning === 'ended' && result.exitCode !== holder.options.exit) || (result.leftRunning === 'ctrl-c' && result.exitCode === null)
    this.ctx.captures[holder.id] = { ...earlier, ...result, command: earlier.command, status: failed ? 'failed' : 'ok' }
    if (result.leftRunning === 'ctrl-c' && result.exitCode === null) {
      // Lines typed into a program that never ended (`vim`, no `:wq`): the program is what did not stop.
      const typedInto = program === holder ? '' : ` (${this.#where(program)}; \`${excerpt(holder.command)}\` and the lines before it were typed into it)`
      this.ctx.fail(`Unexpected \`${excerpt(program.command)}\`${typedInto} still running after Ctrl-C, expected it to stop: terminal ${holder.options.session} was given up, and commands after it there run in a new shell`, holder.position, 'session-failed', tail(result.output))
    } else if (failed) {
      this.ctx.fail(`Unexpected exit status ${result.exitCode ?? 'unknown'} from \`${excerpt(holder.command)}\`, left running in terminal ${holder.options.session}, expected ${holder.options.exit}`, holder.position, 'unexpected-exit', tail(result.output))
    }
  }

  /** Nothing is left running in terminal `name` any more. */
  #release(name: string): void {
    this.#holders.delete(name)
    this.#programs.delete(name)
  }

  #where(cell: Cell): string {
    return describeOrigin(this.ctx.plan.file, cell.position.start, this.ctx.plan.file.basename ?? '')
  }
}

/** `q`, `:q!`, `:wq`, `Q`: a line meant for the program on the screen, not a command for the shell. */
/** Esc before an ex command (`:wq`, `:q!`) typed into vi: the reader left insert mode first, as the lesson's text tells them. */
function viEscape(program: Cell, line: string): string {
  return program.viEditor && /^\s*:/.test(line) ? '\x1b' : ''
}

function looksLikeKeys(command: string): boolean {
  return /^:?[A-Za-z]{1,2}!?$/.test(command.trim())
}

function base(cell: Cell, command: string): Pick<CellCapture, 'cellId' | 'command' | 'expectedExit'> {
  return { cellId: cell.id, command, expectedExit: cell.options.exit }
}
