// For one lesson: its executions (locales with equal commands share one), each either frozen
// (captures.json holds it) or due to run (and why). Used by `build` and by `check`.
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { LoadedLesson } from '../plan/load-lessons.js'
import { groupExecutions, type ExecutionGroup } from '../plan/translations.js'
import type { FrozenExecution } from './captures-schema.js'
import { readCaptures, type LoadedCaptures } from './captures-file.js'
import { freshness } from './freshness.js'

export type ExecutionDecision =
  | { kind: 'frozen'; execution: FrozenExecution }
  | { kind: 'run'; reason: string; file: VFile; place: Position; forced: boolean }

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
  if (unreadable && !refresh) return { lesson, captures, executions: [] }
  // --refresh replaces an unreadable file: its problem stays visible, as a warning.
  if (unreadable) for (const message of captures.file.messages) message.fatal = false
  const executions = groupExecutions(lesson).map((group): PlannedExecution => {
    if (refresh) {
      const place = group.runner.cells[0]?.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }
      return { group, decision: { kind: 'run', reason: '--refresh asked for it', file: group.runner.file, place, forced: true } }
    }
    const fresh = freshness(group, captures.document)
    return { group, decision: fresh.kind === 'frozen' ? fresh : { kind: 'run', reason: fresh.reason, file: fresh.file, place: fresh.place, forced: false } }
  })
  return { lesson, captures, executions }
}
