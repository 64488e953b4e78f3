// Which locales of a lesson share one execution: those whose hash chains are equal.
import { executionKey, type ExecutionKey, type LoadedLesson, sourcePlan, type LessonPlan } from '../plan/index.js'

/** Locales whose plans execute the same thing: one run serves them all. */
export interface ExecutionGroup {
  key: ExecutionKey
  /** The plan that runs: the source locale when it is in the group. */
  runner: LessonPlan
  plans: LessonPlan[]
}

/** Group the lesson's plans by execution key, source locale's group first. */
export function groupExecutions(lesson: LoadedLesson): ExecutionGroup[] {
  const source = sourcePlan(lesson)
  const ordered = source ? [source, ...lesson.plans.filter((plan) => plan !== source)] : lesson.plans
  const groups = new Map<string, ExecutionGroup>()
  for (const plan of ordered) {
    const key = executionKey(plan)
    const group = groups.get(key.key)
    if (group) group.plans.push(plan)
    else groups.set(key.key, { key, runner: plan, plans: [plan] })
  }
  return [...groups.values()]
}

