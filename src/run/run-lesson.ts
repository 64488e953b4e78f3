// Run one lesson plan on a host: sessions opened on demand, variables evaluated (or read
// from earlier output) at first use, cells in document order. A failing cell stops the lesson (later cells are marked
// skipped) and becomes a positioned message; what was captured is kept for rendering.
import { stripVTControlCharacters } from 'node:util'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { describeOrigin, pointOfText, type Cell, type LessonPlan, type Step } from '../plan/index.js'
import { resolveCell, resolveExpression } from './command-text.js'
import type { RunEventHandler } from './events.js'
import { HostError, type Host } from './hosts/index.js'
import { ShellSession } from './session/index.js'
import { reportCommandFailure, warnNetworkInOutput, type FailureContext } from './command-failures.js'
import { commandOutcome } from './command-outcome.js'
import type { CellCapture, LessonRun, Provenance } from '../captures/index.js'
import { error, excerpt, type RuleId } from '../messages.js'
import { runScript, sendKeys, terminalEnded, type CellContext } from './special-cells.js'
import { tail } from './output-tail.js'
import { LeftRunningCells, settleOf } from './left-running.js'
import { lessonSecrets } from './secrets/index.js'
import { readStepOutputVars } from './output-vars.js'
import { skippedCapture } from './skipped-capture.js'

export interface RunLessonOptions {
  host: Host
  /** The host's start(), when the caller already called it (a pool starts the next sandbox early); default: called here. */
  started?: Promise<void> | undefined
  /** Engine and images, known before the lesson starts; the host kind, a sandbox's own engine and the times are filled in here. */
  provenance: Omit<Provenance, 'startedAt' | 'finishedAt'>
  onEvent?: RunEventHandler | undefined
  /** Aborting sends Ctrl-C to the running command (as a terminal would) and stops the lesson; cleanup still happens. */
  signal?: AbortSignal | undefined
  /** Run every cell even after one failed, as a reader keeps typing; default false: stop at the first failure. */
  keepGoing?: boolean | undefined
}

export async function runLesson(plan: LessonPlan, options: RunLessonOptions): Promise<LessonRun> {
  // Registered before anything runs, so no output is ever kept unmasked.
  const secrets = lessonSecrets(plan)
  const runner = new LessonRunner(plan, options, secrets.exports)
  const startedAt = new Date()
  let provenance: Omit<Provenance, 'startedAt' | 'finishedAt'> = { ...options.provenance, hostKind: options.host.kind }
  options.onEvent?.({ kind: 'lesson-start', slug: plan.slug, locale: plan.locale, cells: plan.cells.length })
  try {
    if (await runner.startHost()) {
      options.onEvent?.({ kind: 'host-ready', slug: plan.slug, host: options.host.kind, durationMs: options.host.readyMs ?? Date.now() - startedAt.getTime() })
      // A sandbox runs the lesson's `docker` on its own engine: that is the one to record.
      if (options.host.describeEngine) provenance = { ...provenance, ...(await options.host.describeEngine()) }
      await runner.runAll()
    }
  } finally {
    await runner.closeSessions()
    await options.host.stop()
  }
  const ok = !runner.failed
  options.onEvent?.({ kind: 'lesson-end', slug: plan.slug, ok, durationMs: Date.now() - startedAt.getTime() })
  // Failure messages quote outputs: masked with the captures, before anything is written.
  return secrets.seal({
    slug: plan.slug,
    provenance: { ...provenance, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString() },
    cells: runner.captures,
    vars: runner.vars,
  })
}

class LessonRunner {
  readonly captures: Record<string, CellCapture> = {}
  readonly vars: Record<string, string> = {}
  failed = false
  private readonly sessions = new Map<string, ShellSession>()
  /** What the special cells (scripts, keys) need of this runner. */
  private readonly context: CellContext
  /** Commands left running in their terminals (a server, `top -b` in T2). */
  private readonly leftRunning: LeftRunningCells
  private readonly failureContext: FailureContext

  constructor(private readonly plan: LessonPlan, private readonly options: RunLessonOptions, private readonly secretExports: Record<string, string>) {
    this.context = {
      plan,
      signal: options.signal,
      fail: (reason, place, ruleId, note) => this.fail(reason, place, ruleId, note === undefined ? {} : { note }),
      interrupted: (doing, place) => this.interrupted(doing, place),
    }
    this.failureContext = {
      plan,
      hostKind: options.host.kind,
      fail: (reason, place, ruleId, note) => this.fail(reason, place, ruleId, note === undefined ? {} : { note }),
      failed: () => {
        this.failed = true
      },
    }
    this.leftRunning = new LeftRunningCells({
      plan,
      signal: options.signal,
      captures: this.captures,
      fail: (reason, place, ruleId, note) => this.fail(reason, place, ruleId, note === undefined ? {} : { note }),
    })
  }

  /** Start the host; a HostError becomes a message and every cell is marked skipped. */
  async startHost(): Promise<boolean> {
    try {
      await (this.options.started ?? this.options.host.start())
      return true
    } catch (error) {
      if (!(error instanceof HostError)) throw error
      const point = error.place ?? { line: 1, column: 1 }
      this.fail(error.message, { start: point, end: point }, error.ruleId)
      for (const cell of this.plan.cells) this.captures[cell.id] = skippedCapture(cell, this.vars)
      return false
    }
  }

  async runAll(): Promise<void> {
    for (const command of this.plan.config.setup) {
      if (!(await this.runHidden(command, 'setup', this.options.signal))) break
    }
    const total = this.plan.cells.length
    for (const step of this.plan.steps) {
      if (this.failed && !this.options.keepGoing) {
        if (step.kind === 'cell') this.captures[step.cell.id] = skippedCapture(step.cell, this.vars)
        continue
      }
      if (this.options.signal?.aborted) {
        this.stopBefore(step)
        continue
      }
      const unmatched = readStepOutputVars(this.plan, step, this.captures, this.vars)
      if (unmatched !== undefined) {
        if (step.kind === 'cell') this.captures[step.cell.id] = skippedCapture(step.cell, this.vars)
        this.fail(unmatched, step.kind === 'var' ? step.position : step.cell.position, 'var-unmatched')
        continue
      }
      try {
        if (step.kind === 'var') await this.evaluate(step.name, step.position)
        else await this.runCell(step.cell, this.plan.cells.indexOf(step.cell) + 1, total)
      } catch (error) {
        // A shell that would not start, or was given up after Ctrl-C failed to stop a command.
        if (!(error instanceof Error)) throw error
        const place = step.kind === 'var' ? step.position : step.cell.position
        if (step.kind === 'cell') this.captures[step.cell.id] = skippedCapture(step.cell, this.vars)
        this.fail(`Unexpected shell failure: ${error.message}, expected a usable session`, place, 'session-failed')
      }
    }
    // What is still running is recorded as it is now, and stopped: teardown needs the terminal.
    await this.leftRunning.endAll((name) => this.sessions.get(name))
    // Teardown runs even after a failure or an interruption: it is the lesson's own cleanup.
    for (const command of this.plan.config.teardown) {
      await this.runHidden(command, 'teardown')
    }
  }

  private async evaluate(name: string, position: Position): Promise<void> {
    const expression = resolveExpression(String(this.plan.config.vars[name]), this.vars)
    const session = await this.quietSession('1')
    const result = await session.run(expression, { timeoutMs: this.plan.config.timeout * 1000, signal: this.options.signal })
    if (this.interrupted(`evaluating variable \`${name}\``, position)) return
    const value = stripVTControlCharacters(result.output).trim()
    if (result.timedOut || result.exitCode !== 0 || value === '') {
      const outcome = result.timedOut ? 'a timeout' : result.exitCode !== 0 ? `exit status ${result.exitCode}` : 'empty output'
      this.fail(`Unexpected ${outcome} from variable \`${name}\` (\`${excerpt(expression)}\`), expected a value`, position, 'var-failed', { note: tail(result.output) })
      return
    }
    this.vars[name] = value
    this.options.onEvent?.({ kind: 'var', slug: this.plan.slug, name, value })
  }

  private async runCell(cell: Cell, index: number, total: number): Promise<void> {
    const resolved = resolveCell(cell, this.vars)
    this.options.onEvent?.({ kind: 'cell-start', slug: this.plan.slug, cell, index, total, where: this.where(cell) })
    const base = { cellId: cell.id, command: resolved.command, expectedExit: cell.options.exit }
    const where = { ...(resolved.in === undefined ? {} : { in: resolved.in }), ...(resolved.cwd === undefined ? {} : { cwd: resolved.cwd }) }
    let capture: CellCapture
    if (cell.options.norun) {
      capture = { ...base, ...where, output: '', exitCode: null, durationMs: 0, startedAt: new Date().toISOString(), timedOut: false, truncated: false, status: 'norun' }
    } else {
      let session = await this.session(cell.options.session)
      const consumed = session.busy ? await this.leftRunning.comeBack(cell, session, resolved) : undefined
      // What was left running there would not stop: the terminal was given up, the cell runs in a new shell.
      if (!consumed && session.closed) session = await this.session(cell.options.session)
      if (consumed) {
        this.captures[cell.id] = consumed
        this.options.onEvent?.({ kind: 'cell-end', slug: this.plan.slug, cell, capture: consumed, where: this.where(cell) })
        return
      }
      if (cell.options.interrupt && !session.busy) await session.interrupt()
      // Opening the session or the Katacoda Ctrl-C took a while: the build may be stopping.
      if (this.options.signal?.aborted) {
        this.stopBefore({ kind: 'cell', cell })
        return
      }
      if (cell.options.keys) {
        capture = await sendKeys(this.context, cell, session, { ...base, ...where })
        this.captures[cell.id] = capture
        this.options.onEvent?.({ kind: 'cell-end', slug: this.plan.slug, cell, capture, where: this.where(cell) })
        return
      }
      if (cell.script) {
        capture = await runScript(this.context, cell, cell.script, session)
        this.captures[cell.id] = capture
        this.options.onEvent?.({ kind: 'cell-end', slug: this.plan.slug, cell, capture, where: this.where(cell) })
        return
      }
      const stopAfter = cell.options.stopAfterMs
      const ran = await session.run(resolved.line, { timeoutMs: stopAfter ?? cell.options.timeoutMs, signal: this.options.signal, settle: settleOf(cell), attachesShell: cell.attachesShell })
      const { result, ok } = commandOutcome(cell, ran)
      if (result.leftRunning === 'still-running') this.leftRunning.hold(cell)
      capture = { ...base, ...where, ...result, status: ok ? 'ok' : 'failed' }
      if (session.exited) terminalEnded(this.plan, cell, resolved.command)
      // Interrupted: reported as such; the capture keeps what the command printed before Ctrl-C.
      const interrupted = this.interrupted(`running \`${resolved.command}\``, cell.position)
      if (!interrupted && !ok) reportCommandFailure(this.failureContext, cell, resolved, result, session.givenUp)
      if (!interrupted && ok) warnNetworkInOutput(this.failureContext, cell, resolved, result)
    }
    this.captures[cell.id] = capture
    this.options.onEvent?.({ kind: 'cell-end', slug: this.plan.slug, cell, capture, where: this.where(cell) })
    if (capture.status === 'ok' && cell.waitUntil !== undefined) await this.waitUntil(cell, resolved.command)
  }

  /** lesson.yaml `waits`: poll a hidden condition after the cell, within the cell's timeout. */
  private async waitUntil(cell: Cell, command: string): Promise<void> {
    const condition = resolveExpression(cell.waitUntil!, this.vars)
    const session = await this.quietSession(cell.options.session)
    const result = await session.run(`until ${condition}; do sleep 0.1; done`, { timeoutMs: cell.options.timeoutMs, signal: this.options.signal })
    if (this.interrupted(`waiting for \`${excerpt(condition)}\``, cell.position)) return
    if (!result.timedOut && result.exitCode === 0) return
    this.fail(
      `Unexpected timeout after ${cell.options.timeoutMs / 1000} s waiting for \`${excerpt(condition)}\` after \`${excerpt(command)}\` (lesson.yaml \`waits\`), expected it to hold`,
      cell.position,
      'wait-timeout',
      { note: tail(result.output) },
    )
  }

  /** lesson.yaml `setup` / `teardown`: must exit 0; their output is not shown. Problems point at the command in lesson.yaml. */
  private async runHidden(command: string, which: 'setup' | 'teardown', signal?: AbortSignal): Promise<boolean> {
    const session = await this.session('1')
    const timeoutMs = this.plan.config.timeout * 1000
    const result = await session.run(command, { timeoutMs, signal })
    const aborted = signal?.aborted === true
    if (!aborted && !result.timedOut && result.exitCode === 0) return true
    // Only a failure needs the command's place in lesson.yaml.
    const start = pointOfText(this.plan.configFile, command)
    const place = { start, end: { line: start.line, column: start.column + command.length } }
    const what = `the ${which} command \`${excerpt(command)}\` of lesson.yaml`
    if (aborted && this.interrupted(`running ${what}`, place, this.plan.configFile)) return false
    const outcome = result.timedOut ? `timeout after ${timeoutMs / 1000} s` : `exit status ${result.exitCode ?? 'unknown'}`
    this.fail(`Unexpected ${outcome} from ${what}, expected it to exit 0`, place, which === 'setup' ? 'setup-failed' : 'teardown-failed', { file: this.plan.configFile, note: tail(result.output) })
    return false
  }

  private async session(name: string): Promise<ShellSession> {
    const open = this.sessions.get(name)
    if (open && !open.closed) return open
    const { cols, rows, term, locale } = this.plan.config.terminal
    const exports = { ...(term === undefined ? {} : { TERM: term }), ...(locale === undefined ? {} : { LANG: locale }), ...this.secretExports }
    const { shell, env, cwd } = this.options.host
    const session = await ShellSession.open({ shell, env, cwd, cols, rows, exports })
    this.sessions.set(name, session)
    return session
  }

  /** Terminal `name`, or a side terminal while a command is left running there (variables, waits). */
  private async quietSession(name: string): Promise<ShellSession> {
    const session = await this.session(name)
    return session.busy ? this.session(`${name}:side`) : session
  }

  async closeSessions(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => session.close()))
  }

  /** A cell's place for progress lines: its real file and line when the lesson is made of several files. */
  private where(cell: Cell): string | undefined {
    if (!this.plan.file.data.segments) return undefined
    return describeOrigin(this.plan.file, cell.position.start, this.plan.file.basename ?? '').replace(/:\d+$/, '')
  }

  /** The build was interrupted before `step` ran: report it there; the step is skipped. */
  private stopBefore(step: Step): void {
    const what = step.kind === 'var' ? `variable \`${step.name}\`` : `\`${excerpt(resolveCell(step.cell, this.vars).command)}\``
    if (step.kind === 'cell') this.captures[step.cell.id] = skippedCapture(step.cell, this.vars)
    const place = step.kind === 'var' ? step.position : step.cell.position
    this.fail(`Unexpected interruption before ${what}, expected the lesson to run to its end`, place, 'interrupted')
  }

  /** After a step: when the build was interrupted meanwhile, report it at the step. */
  private interrupted(doing: string, place: Position, file: VFile = this.plan.file): boolean {
    if (!this.options.signal?.aborted) return false
    this.fail(`Unexpected interruption while ${doing}, expected the lesson to run to its end`, place, 'interrupted', { file })
    return true
  }

  /** Mark the lesson failed with a message on the lesson's Markdown (or on `file`: lesson.yaml), an output tail as its note. */
  private fail(reason: string, place: Position, ruleId: RuleId, { file = this.plan.file, note }: { file?: VFile; note?: string } = {}): void {
    this.failed = true
    error(file, reason, place, ruleId, { note })
  }
}
