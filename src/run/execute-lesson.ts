// Run a lesson's due executions on a host: images first, then one run per execution group
// (its runner plan; the group's other locales share the captures). Each successful run
// replaces its entry in captures.json, written atomically; a failed or interrupted run
// leaves the file as it was, so nothing frozen is lost.
import type { BuildOptions } from '../build.js'
import { pointOfText } from '../plan/point-of-text.js'
import type { LessonPlan } from '../plan/types.js'
import { emptyCaptures, freezeRun, thawExecution, writeCaptures } from './captures-file.js'
import type { FrozenExecution } from './captures-schema.js'
import type { EngineInfo } from './engine.js'
import { ensureImages, MissingImageError } from './images.js'
import type { LessonExecutions } from './lesson-executions.js'
import { createLocalHost } from './local-host.js'
import { runLesson } from './run-lesson.js'
import type { ImageProvenance, LessonRun } from './types.js'

type ExecuteOptions = Pick<BuildOptions, 'imagesDir' | 'pull' | 'onEvent' | 'onImageEvent' | 'signal'>

/** Execute what is due; returns the run of every plan that got one (thawed from what was frozen, so pages read the same either way). */
export async function executeLesson(planned: LessonExecutions, engine: EngineInfo, options: ExecuteOptions): Promise<Map<LessonPlan, LessonRun>> {
  const { lesson, executions, captures } = planned
  const runs = new Map<LessonPlan, LessonRun>()
  const images = await prepareImages(planned, options)
  if (!images) return runs
  const kept: FrozenExecution[] = []
  let changed = false
  let allSucceeded = true
  for (const { group, decision } of executions) {
    if (decision.kind === 'frozen') {
      kept.push(decision.execution)
      continue
    }
    if (options.signal?.aborted) continue
    const locales = group.plans.map((plan) => plan.locale)
    options.onEvent?.({ kind: 'captures-stale', slug: lesson.slug, locales, reason: decision.reason })
    const run = await runLesson(group.runner, {
      host: createLocalHost(group.runner),
      provenance: { hostKind: 'local', engineVersion: engine.serverVersion, kernel: engine.kernel, os: engine.os, images },
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    const frozen = freezeRun(run, group.key.links, group.runner.cells.map((cell) => cell.id))
    for (const plan of group.plans) runs.set(plan, thawExecution(lesson.slug, frozen))
    if (succeeded(group.runner, run) && !options.signal?.aborted) {
      kept.push(frozen)
      changed = true
    } else {
      allSucceeded = false
    }
  }
  if (changed) {
    // Entries no locale uses any more are dropped, unless a run failed: then every earlier
    // entry stays, as the last real capture of what failed.
    const earlier = (captures.document?.executions ?? []).filter((old) => !kept.some((execution) => execution.key === old.key))
    await writeCaptures(lesson.dir, { ...emptyCaptures(lesson.slug), executions: allSucceeded ? kept : [...kept, ...earlier] })
  }
  return runs
}

/** A run is worth freezing when every cell ran as expected and no message marked it failed. */
function succeeded(plan: LessonPlan, run: LessonRun): boolean {
  const failed = [plan.file, plan.configFile].some((file) => file.messages.some((message) => message.fatal === true))
  return !failed && plan.cells.every((cell) => ['ok', 'norun'].includes(run.cells[cell.id]?.status ?? 'missing'))
}

/** Make the lesson's images available; a missing one is reported at its line in lesson.yaml. */
async function prepareImages(planned: LessonExecutions, options: ExecuteOptions): Promise<ImageProvenance[] | undefined> {
  const { lesson } = planned
  try {
    return await ensureImages(lesson.config?.images ?? [], {
      imagesDir: options.imagesDir,
      ...(options.pull === undefined ? {} : { pull: options.pull }),
      ...(options.onImageEvent ? { onEvent: options.onImageEvent } : {}),
    })
  } catch (error) {
    if (!(error instanceof MissingImageError)) throw error
    const place = pointOfText(lesson.configFile, error.image)
    lesson.configFile.message(error.message, { place, ruleId: 'missing-image', source: 'shellbook' }).fatal = true
    return undefined
  }
}
