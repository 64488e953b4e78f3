// After a lesson's executions: write what succeeded into its captures.json. A failed or
// interrupted execution adds nothing and drops nothing, so the last real capture stays.
import { emptyCaptures, writeCaptures } from './captures-file.js'
import type { FrozenExecution } from './schema.js'
import type { ExecutionGroup } from './groups.js'
import type { LessonExecutions } from './decide.js'

export async function updateCaptures(planned: LessonExecutions, done: ReadonlyArray<{ group: ExecutionGroup; frozen?: FrozenExecution }>): Promise<void> {
  if (!done.some((entry) => entry.frozen)) return
  // In the lesson's group order (source locale first): what stayed frozen, and what just ran.
  const executions = planned.executions.flatMap(({ group, decision }) => {
    if (decision.kind === 'frozen') return [decision.execution]
    const ran = done.find((entry) => entry.group === group)?.frozen
    return ran ? [ran] : []
  })
  const allSucceeded = done.every((entry) => entry.frozen !== undefined)
  // Entries no locale uses any more are dropped, unless a run failed: then every earlier entry
  // stays, as the last real capture of what failed.
  const earlier = allSucceeded ? [] : (planned.captures.document?.executions ?? []).filter((old) => !executions.some((execution) => execution.key === old.key))
  await writeCaptures(planned.lesson.dir, { ...emptyCaptures(planned.lesson.slug), executions: [...executions, ...earlier] })
}
