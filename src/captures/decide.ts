// The frozen-or-run decision, for one lesson: its executions (locales with equal commands
// share one), each either frozen (captures.json holds it) or due to run. When it must run,
// say what changed first and where, by walking the hash chain against the closest stored
// execution. Used by `build` and by `check`.
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { linkSubject, type LoadedLesson, pointOfText } from '../plan/index.js'
import { readCaptures, type LoadedCaptures } from './captures-file.js'
import { groupExecutions, type ExecutionGroup } from './groups.js'
import { excerpt } from '../messages.js'
import type { CapturesDocument, FrozenExecution } from './schema.js'

export type ExecutionDecision =
  | { kind: 'frozen'; execution: FrozenExecution }
  | { kind: 'run'; reason: string; file: VFile; place: Position; forced: boolean; earlier?: FrozenExecution | undefined }

export interface PlannedExecution {
  group: ExecutionGroup
  decision: ExecutionDecision
}

export interface LessonExecutions {
  lesson: LoadedLesson
  captures: LoadedCaptures
  /** Empty when the lesson has errors, or its captures.json is unreadable and no refresh was asked. */
  executions: PlannedExecution[]
}

/** Read the lesson's captures and decide, for each execution group, whether it must run. */
export async function planExecutions(lesson: LoadedLesson, refresh: boolean): Promise<LessonExecutions> {
  const captures = await readCaptures(lesson.dir, lesson.slug)
  const unreadable = captures.exists && !captures.document
  if (unreadable && (!refresh || captures.replaceable === false)) return { lesson, captures, executions: [] }
  // --refresh replaces an unreadable file: its problem stays visible, as a warning.
  if (unreadable) for (const message of captures.file.messages) message.fatal = false
  const executions = groupExecutions(lesson).map((group): PlannedExecution => {
    if (refresh) {
      const place = group.runner.cells[0]?.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }
      const earlier = closestExecution(group, captures.document?.executions ?? [])?.execution
      return { group, decision: { kind: 'run', reason: '--refresh asked for it', file: group.runner.file, place, forced: true, earlier } }
    }
    return { group, decision: decide(group, captures.document) }
  })
  return { lesson, captures, executions }
}

/** Compare the group's chain with what captures.json holds: frozen, or due to run and why. */
function decide(group: ExecutionGroup, captures: CapturesDocument | undefined): ExecutionDecision {
  const executions = captures?.executions ?? []
  const match = executions.find((execution) => execution.key === group.key.key)
  if (match) return { kind: 'frozen', execution: match }
  const plan = group.runner
  const firstCell = plan.cells[0]?.position ?? pointPosition({ line: 1, column: 1 })
  const closest = closestExecution(group, executions)
  if (!closest) return { kind: 'run', forced: false, reason: 'no captures yet', file: plan.file, place: firstCell }
  const { execution, common } = closest
  const run = (reason: string, file: VFile, place: Position): ExecutionDecision => ({ kind: 'run', forced: false, reason, file, place, earlier: execution })
  const since = `since the captures of ${captureDate(execution.provenance.startedAt)}`
  const links = group.key.links
  if (common === links.length) {
    // The current chain is a prefix of the stored one: commands were removed at the end.
    const last = plan.cells.at(-1)?.position ?? firstCell
    return run(`a command after this one was removed ${since}`, plan.file, last)
  }
  const subject = linkSubject(plan, common)
  if ('field' in subject) {
    return run(`lesson.yaml \`${subject.field}\` changed ${since}`, plan.configFile, pointPosition(pointOfText(plan.configFile, `${subject.field}:`)))
  }
  const { step } = subject
  const isNew = common >= execution.chain.length
  const what = step.kind === 'var' ? `the first use of variable \`${step.name}\`` : `command \`${excerpt(step.cell.command)}\``
  const place = step.kind === 'var' ? step.position : step.cell.position
  return run(`${what} ${isNew ? 'is new' : 'changed'} ${since}`, plan.file, place)
}

/** The stored execution sharing the longest chain prefix with the group's. */
function closestExecution(group: ExecutionGroup, executions: readonly FrozenExecution[]): { execution: FrozenExecution; common: number } | undefined {
  let best: { execution: FrozenExecution; common: number } | undefined
  for (const execution of executions) {
    let common = 0
    while (common < group.key.links.length && common < execution.chain.length && execution.chain[common]!.key === group.key.links[common]!.key) common++
    if (!best || common > best.common) best = { execution, common }
  }
  return best
}

function pointPosition(point: { line: number; column: number }): Position {
  return { start: point, end: point }
}

/** `2026-11-24T20:29:18.479Z` → `2026-11-24 20:29 UTC`: enough to recognise a run. */
function captureDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}
