// Run every due execution of a build: `jobs` workers, spread over the engines, each
// execution on a host of its own (a fresh sandbox, or the local engine). When the last
// execution of a lesson ends, its captures.json is updated (captures/update.ts). Hosts come
// from a factory, so the scheduling is tested without Docker.
import os from 'node:os'
import pLimit from 'p-limit'
import { pointOfText, pullsImages, sourcePlan, type HostKind, type LessonPlan } from '../plan/index.js'
import { type ExecutionGroup, freezeRun, thawExecution, type FrozenExecution, updateCaptures, type LessonExecutions, type ImageProvenance, type LessonRun } from '../captures/index.js'
import type { EngineInfo, BuildOwner } from './engine/index.js'
import { MissingImageError } from './images/index.js'
import type { RunEventHandler } from './events.js'
import { type Host, createLocalHost, createSandboxHost, LESSON_HOST_IMAGE } from './hosts/index.js'
import { runLesson } from './run-lesson.js'
import { error, hasFatal, warning } from '../messages.js'

/** Makes a lesson's images available on one engine (EngineImages, in a build). */
export interface ImageSource {
  /** Make `names` available, in order; throws MissingImageError. `pull` overrides the build's pull policy. */
  ensure(names: readonly string[], pull?: boolean): Promise<ImageProvenance[]>
}

/** An engine the pool may run on, with its image cache. */
export interface PoolEngine {
  /** DOCKER_HOST value; undefined for the environment's. */
  endpoint: string | undefined
  info: EngineInfo
  images: ImageSource
}

/** What a host factory is given for one execution. */
export interface HostRequest {
  plan: LessonPlan
  kind: HostKind
  engine: PoolEngine
  images: readonly ImageProvenance[]
  owner: BuildOwner
}

/** Creates the host one execution runs on. */
export type HostFactory = (request: HostRequest) => Host

/** A sandbox on the pool's engine, or the local host talking to that same engine. */
export const defaultHostFactory: HostFactory = ({ plan, kind, engine, images, owner }) => {
  if (kind === 'local') return createLocalHost(plan, { engine: engine.endpoint })
  const servePulls = plan.cells.some((cell) => !cell.options.norun && pullsImages(cell.command))
  return createSandboxHost(plan, { engine: engine.endpoint, owner, images: images.map((image) => image.name), network: plan.config.network, hostname: plan.config.hostname, servePulls })
}

export interface PoolOptions {
  /** Host kind for every execution; default each lesson's lesson.yaml `host`, else `sandbox`. */
  host?: HostKind | undefined
  /** Default defaultHostFactory. */
  createHost?: HostFactory | undefined
  /** Default defaultHostFactory. */

  /** Executions at once; at least 1. Local executions never overlap one another. */
  jobs: number
  /** At least one; worker k runs on engine k mod n. */
  engines: PoolEngine[]
  owner: BuildOwner
  onEvent?: RunEventHandler | undefined
  /** Stops handing out executions; the running ones get Ctrl-C through runLesson. */
  signal?: AbortSignal | undefined
  /** Run every cell of a lesson even after one failed; default false. */
  keepGoing?: boolean | undefined
}

interface Unit {
  planned: LessonExecutions
  group: ExecutionGroup
  reason: string
}

/** What one lesson's executions produced so far; written out when none is left. */
interface LessonProgress {
  left: number
  done: Array<{ group: ExecutionGroup; frozen?: FrozenExecution }>
}

/** Run the due executions; returns the run of every plan that got one (thawed, so pages read as from captures.json). */
export async function runExecutions(lessons: LessonExecutions[], options: PoolOptions): Promise<Map<LessonPlan, LessonRun>> {
  const queue: Unit[] = lessons.flatMap((planned) =>
    planned.executions.flatMap(({ group, decision }) => (decision.kind === 'run' ? [{ planned, group, reason: decision.reason }] : [])),
  )
  const progress = new Map<LessonExecutions, LessonProgress>(lessons.map((planned) => [planned, { left: 0, done: [] }]))
  for (const unit of queue) progress.get(unit.planned)!.left += 1
  const runs = new Map<LessonPlan, LessonRun>()
  const imageFailures = new Set<LessonExecutions>()
  // The local host is one engine and one shell: its executions take turns.
  let localTurn: Promise<void> = Promise.resolve()
  // Booting a sandbox's engine is CPU work: more boots at once than cores only slow each one down.
  const startSlot = pLimit(Math.max(1, os.availableParallelism()))

  /** An execution is over (ran, failed, or never started): when it is its lesson's last, write the lesson's captures. */
  const settle = async (unit: Unit, frozen?: FrozenExecution) => {
    const lessonProgress = progress.get(unit.planned)!
    lessonProgress.done.push(frozen ? { group: unit.group, frozen } : { group: unit.group })
    lessonProgress.left -= 1
    if (lessonProgress.left === 0) await updateCaptures(unit.planned, lessonProgress.done)
  }

  /** Take the next execution off the queue, with its images ready and its host created (a sandbox already starting). */
  const claim = async (engine: PoolEngine): Promise<Claimed | undefined> => {
    const createHost = options.createHost ?? defaultHostFactory
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      const kind = hostKindOf(unit, options)
      const images = options.signal?.aborted ? undefined : await prepareImages(unit.planned, kind, engine, imageFailures)
      if (!images || options.signal?.aborted) {
        await settle(unit)
        continue
      }
      const host = createHost({ plan: unit.group.runner, kind, engine, images, owner: options.owner })
      // A sandbox starts at once, so the next lesson's start hides behind the current lesson's run.
      const started = host.kind === 'sandbox' ? startSlot(() => host.start()) : undefined
      started?.catch(() => undefined) // reported by runLesson, which awaits it
      return { unit, engine, images, host, ...(started ? { started } : {}) }
    }
    return undefined
  }

  const runOne = async ({ unit, engine, images, host, started }: Claimed) => {
    const { planned, group } = unit
    let frozen: FrozenExecution | undefined
    try {
      if (options.signal?.aborted) {
        // Claimed but never run: its sandbox goes as it came.
        await started?.catch(() => undefined)
        await host.stop()
        return
      }
      options.onEvent?.({
        kind: 'captures-stale', slug: planned.lesson.slug, locales: group.plans.map((plan) => plan.locale), reason: unit.reason, host: host.kind,
        engine: engine.endpoint,
      })
      const run = await runLesson(group.runner, {
        host,
        started,
        provenance: { hostKind: host.kind, engineVersion: engine.info.serverVersion, kernel: engine.info.kernel, os: engine.info.os, images },
        onEvent: options.onEvent,
        signal: options.signal,
        keepGoing: options.keepGoing,
      })
      const candidate = freezeRun(run, group.key.links, group.runner.cells.map((cell) => cell.id))
      const thawed = thawExecution(planned.lesson.slug, candidate)
      for (const plan of group.plans) runs.set(plan, thawed)
      if (succeeded(group.runner, run) && !options.signal?.aborted) frozen = candidate
    } finally {
      await settle(unit, frozen)
    }
  }

  const runClaimed = (claimed: Claimed): Promise<void> => {
    if (claimed.host.kind !== 'local') return runOne(claimed)
    const turn = localTurn.then(() => runOne(claimed))
    localTurn = turn.catch(() => undefined)
    return turn
  }

  const worker = async (index: number) => {
    const engine = options.engines[index % options.engines.length]!
    for (let current = await claim(engine); current; ) {
      // The next sandbox starts once this one is up (not before: starts at once share the CPU),
      // while this lesson runs. After a local lesson, nothing is claimed before it ends.
      await current.started?.catch(() => undefined)
      const upcoming = current.host.kind === 'sandbox' ? claim(engine) : undefined
      await runClaimed(current)
      current = upcoming ? await upcoming : await claim(engine)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, queue.length)) }, (_, index) => worker(index)))
  return runs
}

/** An execution taken off the queue by a worker. */
interface Claimed {
  unit: Unit
  engine: PoolEngine
  images: ImageProvenance[]
  host: Host
  /** The host's start(), already called (sandboxes start while the worker's previous lesson runs). */
  started?: Promise<void> | undefined
}

/** `--host` when given, else what the lesson asks for, else a sandbox. */
function hostKindOf(unit: Unit, options: PoolOptions): HostKind {
  return options.host ?? unit.group.runner.config.host ?? 'sandbox'
}

/** The lesson's images (and the lesson host's) on this engine; a missing one is reported once, at its line in lesson.yaml. */
async function prepareImages(planned: LessonExecutions, kind: HostKind, engine: PoolEngine, failures: Set<LessonExecutions>): Promise<ImageProvenance[] | undefined> {
  if (failures.has(planned)) return undefined
  const { lesson } = planned
  try {
    // The lesson host is shellbook's own image, built from images/lesson-host/: never pulled.
    if (kind === 'sandbox') await engine.images.ensure([LESSON_HOST_IMAGE], false)
    if (lesson.imagesInferred) return await inferredImages(planned, engine)
    return await engine.images.ensure(lesson.config?.images ?? [])
  } catch (failure) {
    if (!(failure instanceof MissingImageError)) throw failure
    failures.add(planned)
    const place = pointOfText(lesson.configFile, failure.image)
    error(lesson.configFile, failure.message, place, 'missing-image')
    return undefined
  }
}

/**
 * Images read off the lesson's commands: each that can be had is made ready; one that cannot is
 * a warning at the first command naming it, and the lesson runs anyway (that command then fails
 * at its line, saying why), as the scenario would have for a reader.
 */
async function inferredImages(planned: LessonExecutions, engine: PoolEngine): Promise<ImageProvenance[]> {
  const ready: ImageProvenance[] = []
  const plan = sourcePlan(planned.lesson)
  for (const image of planned.lesson.config?.images ?? []) {
    try {
      ready.push(...(await engine.images.ensure([image])))
    } catch (failure) {
      if (!(failure instanceof MissingImageError) || !plan) throw failure
      const cell = plan.cells.find((candidate) => candidate.command.includes(image))
      warning(plan.file, `${failure.message}; the lesson runs without it (list it under \`images\` in lesson.yaml to make this an error)`, cell?.position, 'missing-image')
    }
  }
  return ready
}

/** A run is worth freezing when every cell ran as expected and no message marked it failed. */
function succeeded(plan: LessonPlan, run: LessonRun): boolean {
  const failed = hasFatal([plan.file, plan.configFile])
  // A background or foreground script that failed was a warning: the lesson still ran as it should.
  const mayFail = (cell: LessonPlan['cells'][number]) => cell.script?.kind === 'background' || cell.script?.kind === 'foreground'
  return !failed && plan.cells.every((cell) => ['ok', 'norun'].includes(run.cells[cell.id]?.status ?? 'missing') || mayFail(cell))
}
