// Cells that are not a command typed at the prompt: a scenario's scripts (hidden, each run as
// its own bash) and Katacoda's keys (`ctrl-seq`, `no-newline`). The runner hands them what they
// need of it: the plan, the build's signal, and how to fail the lesson at a place.
import type { Position } from 'unist'
import type { CellCapture } from '../captures/index.js'
import { excerpt, warning, type RuleId } from '../messages.js'
import type { ExecScript } from '../parse/index.js'
import type { Cell, LessonPlan } from '../plan/index.js'
import { tail } from './output-tail.js'
import { BACKGROUND_BOUND_MS, scriptLine, STILL_RUNNING_STATUS } from './script-line.js'
import type { ShellSession } from './session/index.js'

export interface CellContext {
  plan: LessonPlan
  signal: AbortSignal | undefined
  /** Fail the lesson with an error at `place`, an output tail as its note. */
  fail(reason: string, place: Position, ruleId: RuleId, note?: string): void
  /** When the build was interrupted meanwhile: report it at `place`, and say so. */
  interrupted(doing: string, place: Position): boolean
}

/**
 * A scenario's script (hidden): assets and verify must pass, or the lesson fails there;
 * background and foreground scripts that fail are said with a warning and the lesson goes
 * on, as it did for a reader in front of Katacoda. The output is in the capture and the note.
 */
export async function runScript(ctx: CellContext, cell: Cell, script: ExecScript, session: ShellSession): Promise<CellCapture> {
  const timeoutMs = script.kind === 'background' ? BACKGROUND_BOUND_MS + cell.options.timeoutMs : cell.options.timeoutMs
  const result = await session.run(scriptLine(script, cell.command), { timeoutMs, signal: ctx.signal })
  const ok = !result.timedOut && result.exitCode === 0
  const capture: CellCapture = { cellId: cell.id, command: cell.command, expectedExit: 0, ...result, status: ok ? 'ok' : 'failed' }
  if (ok || ctx.interrupted(`running the ${script.kind} script \`${script.name}\``, cell.position)) return capture
  const outcome = result.timedOut ? `a timeout after ${timeoutMs / 1000} s` : `exit status ${result.exitCode ?? 'unknown'}`
  const note = tail(result.output)
  if (script.kind === 'verify') {
    ctx.fail(`Unexpected ${outcome} from the verify script \`${script.name}\`, expected 0: the step's check did not pass`, cell.position, 'verify-failed', note)
  } else if (script.kind === 'assets') {
    ctx.fail(`Unexpected ${outcome} copying the scenario's assets into the host, expected 0`, cell.position, 'script-failed', note)
  } else if (script.kind === 'background' && result.exitCode === STILL_RUNNING_STATUS) {
    warning(ctx.plan.file, `Unexpected ${script.kind} script \`${script.name}\` still running after ${BACKGROUND_BOUND_MS / 1000} s, expected it to finish; the lesson went on beside it`, cell.position, 'script-failed', { note })
  } else {
    warning(ctx.plan.file, `Unexpected ${outcome} from the ${script.kind} script \`${script.name}\`, expected 0; the lesson goes on`, cell.position, 'script-failed', { note })
  }
  return capture
}

/**
 * Katacoda's `ctrl-seq` and `no-newline`: keys for what runs in the terminal. `^C` is Ctrl-C;
 * `^D` leaves a shell the lesson entered, as `exit` does; `^P^Q`, Docker's detach keys, leaves
 * the shell of a container it runs with `-it`, the container still running. Keys for a program left running in the
 * terminal are typed into it before this (left-running.ts); here nothing runs, so other keys
 * have nobody to go to: they are shown, not sent.
 */
export async function sendKeys(ctx: CellContext, cell: Cell, session: ShellSession, base: Pick<CellCapture, 'cellId' | 'command' | 'expectedExit' | 'in' | 'cwd'>): Promise<CellCapture> {
  const started = { startedAt: new Date().toISOString(), timedOut: false, truncated: false, output: '' }
  const keys = cell.command.trim()
  if (keys === '^C') {
    const start = performance.now()
    await session.interrupt()
    return { ...base, ...started, exitCode: 0, durationMs: Math.round(performance.now() - start), status: 'ok' }
  }
  if (keys === '^D') {
    const result = await session.run('exit', { timeoutMs: cell.options.timeoutMs, signal: ctx.signal })
    if (session.exited) terminalEnded(ctx.plan, cell, keys)
    return leftShell(ctx, cell, { ...base, ...result })
  }
  if (keys === '^P^Q') {
    const result = await session.detach({ timeoutMs: cell.options.timeoutMs, signal: ctx.signal })
    if (result) return leftShell(ctx, cell, { ...base, ...result })
  }
  return { ...base, ...started, exitCode: null, durationMs: 0, status: 'norun' }
}

/** The keys that left a shell (`^D`, `^P^Q`): a failure is said at their line, as a command's is. */
function leftShell(ctx: CellContext, cell: Cell, capture: Omit<CellCapture, 'status'>): CellCapture {
  if (capture.exitCode === 0) return { ...capture, status: 'ok' }
  if (!ctx.interrupted(`typing \`${cell.command.trim()}\``, cell.position)) {
    ctx.fail(`Unexpected exit status ${capture.exitCode ?? 'unknown'} after the keys \`${cell.command.trim()}\`, expected the shell below to come back`, cell.position, 'unexpected-exit', tail(capture.output))
  }
  return { ...capture, status: 'failed' }
}

/** `exit` (or ^D) at the top of a terminal ended its shell: said at its line, never a silent new shell. */
export function terminalEnded(plan: LessonPlan, cell: Cell, command: string): void {
  const name = cell.options.session
  warning(plan.file, `Unexpected end of terminal ${name}: \`${excerpt(command)}\` closed its shell, expected a shell to leave (\`docker exec -it … sh\`, \`su -\`); later commands in terminal ${name} run in a new shell, without its variables or folder`, cell.position, 'terminal-ended')
}
