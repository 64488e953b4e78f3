// Does a group of locales need execution, or do the frozen captures still hold? When they do
// not, say what changed first and where, by walking the hash chain against the closest
// stored execution.
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { linkSubject } from '../plan/execution-key.js'
import { pointOfText } from '../plan/point-of-text.js'
import type { ExecutionGroup } from '../plan/translations.js'
import type { CapturesDocument, FrozenExecution } from './captures-schema.js'

export type Freshness =
  | { kind: 'frozen'; execution: FrozenExecution }
  | { kind: 'stale'; reason: string; file: VFile; place: Position }

/** Compare the group's chain with what captures.json holds. */
export function freshness(group: ExecutionGroup, captures: CapturesDocument | undefined): Freshness {
  const executions = captures?.executions ?? []
  const match = executions.find((execution) => execution.key === group.key.key)
  if (match) return { kind: 'frozen', execution: match }
  const plan = group.runner
  const firstCell = plan.cells[0]?.position ?? pointPosition({ line: 1, column: 1 })
  const closest = closestExecution(group, executions)
  if (!closest) return { kind: 'stale', reason: 'no captures yet', file: plan.file, place: firstCell }
  const { execution, common } = closest
  const since = `since the captures of ${captureDate(execution.provenance.startedAt)}`
  const links = group.key.links
  if (common === links.length) {
    // The current chain is a prefix of the stored one: commands were removed at the end.
    const last = plan.cells.at(-1)?.position ?? firstCell
    return { kind: 'stale', reason: `a command after this one was removed ${since}`, file: plan.file, place: last }
  }
  const subject = linkSubject(plan, common)
  if ('field' in subject) {
    return {
      kind: 'stale',
      reason: `lesson.yaml \`${subject.field}\` changed ${since}`,
      file: plan.configFile,
      place: pointPosition(pointOfText(plan.configFile, `${subject.field}:`)),
    }
  }
  const { step } = subject
  const isNew = common >= execution.chain.length
  const what = step.kind === 'var' ? `the first use of variable \`${step.name}\`` : `command \`${step.cell.command}\``
  const place = step.kind === 'var' ? step.position : step.cell.position
  return { kind: 'stale', reason: `${what} ${isNew ? 'is new' : 'changed'} ${since}`, file: plan.file, place }
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
