// The main job: load every lesson (parse → plan), decide per lesson which executions its
// frozen captures still cover, run the others on a host (writing their captures), render
// the site from what was executed or frozen, and write out/report.json.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { VFile } from 'vfile'
import { writeFileAtomic } from './files/index.js'
import { scanLessonsFolder, hasErrors, loadLesson, missingLessonsFolder, relocateMessages, slugOfArgument, unknownLesson, type LessonPlan, type HostKind } from './plan/index.js'
import { listedPage, renderSite, siteCodeFingerprint, withRealSamples, type CommandHighlighter, type SiteAddress } from './render/index.js'
import { buildReport, type Report } from './report.js'
// The run stage (zx, node-pty, the terminal emulator) is loaded only by a build that executes something.
import type { RunEventHandler, ImageEvent, PoolEngine } from './run/index.js'
import { bindOutputVars, planExecutions, type LessonExecutions, thawExecution, type LessonRun } from './captures/index.js'
import { error, hasFatal } from './messages.js'
import { checkClaims, checkProseDrift } from './check/index.js'
import { lockLessons } from './lessons-lock.js'
import { projectOrOwnFolder, type LockHolder } from './files/index.js'
import { buildDefaults, defaultJobs } from './build-defaults.js'
import { openLessonMemo, type MemoEntry } from './lesson-memo.js'
import { listing, readOrReuse, recordLessons, reportWithReused, reusedFiles } from './reuse-lessons.js'

export interface BuildOptions {
  /** Folder of lessons; default `lessons`. Relative folders are resolved against the working folder. */
  lessonsDir?: string | undefined
  /** Output folder; default `out`. */
  outDir?: string | undefined
  /** Handlebars templates and i18n strings; default `templates` if the working folder has one, else shellbook's own. */
  templatesDir?: string | undefined
  /** Offline image recipes; default `images` if the working folder has one, else shellbook's own. */
  imagesDir?: string | undefined
  /** Lessons to build; default all. */
  slugs?: string[] | undefined
  /** Where lessons run: a disposable Docker-in-Docker sandbox each, or this machine's engine; default each lesson's lesson.yaml `host`, else `sandbox`. */
  host?: HostKind | undefined
  /** Executions at once; default `defaultJobs()`. Local executions take turns. */
  jobs?: number | undefined
  /** Docker endpoints (DOCKER_HOST values) to spread executions over; default the environment's one. */
  engines?: string[] | undefined
  /** Build only share `index` (1-based) of `count` of the lessons, chosen by sorted slug: a CI matrix's split. */
  shard?: { index: number; count: number } | undefined
  /** Execute the lessons built (`slugs`, else all; within `shard`) even where their frozen captures match; default false. */
  refresh?: boolean | undefined
  /** Run every cell even after one failed (every failure reported and rendered; the build still fails); default false. */
  keepGoing?: boolean | undefined
  /** Write each command's real output into the lesson's Markdown in place of its sample output; default false. */
  updateSamples?: boolean | undefined
  /** Try `docker pull` for an image the engine lacks before building its stand-in; default true. */
  pull?: boolean | undefined
  /**
   * Lines a page shows at most of one command's output when its cell chooses none (`head`, `tail`,
   * `lines`): the first and last halves, a marker between; 0 = no cap; default 200. captures.json keeps it all.
   */
  maxLines?: number | undefined
  /** Where the site is published (base path, site URL); default `/`, no URL. */
  address?: SiteAddress | undefined
  /** Threads rendering pages beside the build's own; default `defaultPageWorkers()` (none for a few lessons). */
  pageWorkers?: number | undefined
  /** Rendering settings kept across builds by `shellbook dev` (see RenderSiteOptions). */
  highlighter?: CommandHighlighter | undefined
  onPagesWritten?: (() => void | Promise<void>) | undefined
  /** How long to wait for another build of the same lessons folder to finish, in ms; default 600 000. */
  waitLockMs?: number | undefined
  /** Called when this build starts waiting for another build of the same lessons folder. */
  onLockWait?: ((holder: LockHolder) => void) | undefined
  onEvent?: RunEventHandler | undefined
  onImageEvent?: ((event: ImageEvent) => void) | undefined
  signal?: AbortSignal | undefined
}

// Defined apart (build-defaults.ts) so the CLI's help can name them without loading the pipeline.
export { buildDefaults, defaultJobs }

/** How a rendered plan got its output. */
export type CaptureSource = 'executed' | 'frozen'

export interface BuildResult {
  /** Every file read, with its messages (for the reporter). */
  files: VFile[]
  /** Every plan read, with its run (executed now or frozen) when it has one. */
  lessons: Array<{ plan: LessonPlan; run?: LessonRun; source?: CaptureSource }>
  /** Lessons not read: unchanged since a build that found them frozen and sound (lesson-memo.ts); their pages stand. */
  reused: string[]
  report: Report
  /** The output folder written (absolute). */
  outDir: string
  /** Threads that rendered lesson pages (the build's own and page workers); 0 when no page needed rendering. */
  renderThreads: number
  ok: boolean
}

/** The folders of a build, defaults applied, absolute. */
interface Folders {
  lessonsDir: string
  outDir: string
  templatesDir: string
  imagesDir: string
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const folders: Folders = {
    lessonsDir: path.resolve(options.lessonsDir ?? buildDefaults.lessonsDir),
    outDir: path.resolve(options.outDir ?? buildDefaults.outDir),
    templatesDir: options.templatesDir === undefined ? projectOrOwnFolder(buildDefaults.templatesDir) : path.resolve(options.templatesDir),
    imagesDir: options.imagesDir === undefined ? projectOrOwnFolder(buildDefaults.imagesDir) : path.resolve(options.imagesDir),
  }
  if (!existsSync(folders.lessonsDir)) return failed(folders, missingLessonsFolder(folders.lessonsDir))
  // Held from the first read of captures.json to the last page written: pages and captures of one run.
  const lock = await lockLessons(folders.lessonsDir, { waitMs: options.waitLockMs ?? buildDefaults.waitLockMs, onWait: options.onLockWait, signal: options.signal })
  if ('file' in lock) return failed(folders, lock.file)
  try {
    return await buildLocked(folders, options)
  } finally {
    lock.release()
  }
}

async function buildLocked(folders: Folders, options: BuildOptions): Promise<BuildResult> {
  const { lessonsDir, outDir } = folders
  const folder = await scanLessonsFolder(lessonsDir)
  const known = folder.slugs
  const named = (options.slugs ?? []).map((argument) => slugOfArgument(argument, folder.lessons))
  const unknown = named
    .filter((slug, index, all) => !known.includes(slug) && all.indexOf(slug) === index)
    .map((slug) => unknownLesson(slug, known, lessonsDir))
  const selected = named.length ? named.filter((slug, index, all) => known.includes(slug) && all.indexOf(slug) === index) : known
  const slugs = options.shard ? shareOf(selected, options.shard) : selected
  const dirs = new Map(folder.lessons.map((lesson) => [lesson.slug, lesson.dir]))
  const dirOf = (slug: string) => dirs.get(slug) ?? path.join(lessonsDir, slug)
  const memo = await openLessonMemo(outDir, memoSettings(folders, options))
  const { lessons, reused, listedToo, inputs } = await readOrReuse({
    memo,
    outDir,
    slugs,
    unbuilt: known.filter((slug) => !slugs.includes(slug)),
    dirOf,
    load: (slug) => loadLesson(lessonsDir, slug, dirOf(slug)),
    reuse: options.refresh !== true && options.updateSamples !== true,
  })
  for (const entry of reused.values()) for (const { locales, capturedAt } of entry.frozen) options.onEvent?.({ kind: 'captures-frozen', slug: entry.listed[0]?.slug ?? '', locales, capturedAt })
  const sound = lessons.filter((lesson) => !hasErrors(lesson) && lesson.plans.length > 0)
  const planned = await Promise.all(sound.map((lesson) => planExecutions(lesson, options.refresh === true)))

  const outcomes = new Map<LessonPlan, { run: LessonRun; source: CaptureSource }>()
  const frozen = new Map<string, MemoEntry['frozen']>()
  for (const { executions, lesson } of planned) {
    for (const { group, decision } of executions) {
      if (decision.kind !== 'frozen') continue
      const run = thawExecution(lesson.slug, decision.execution)
      for (const plan of group.plans) outcomes.set(plan, { run, source: 'frozen' })
      const event = { locales: group.plans.map((plan) => plan.locale), capturedAt: decision.execution.provenance.startedAt }
      frozen.set(lesson.slug, [...(frozen.get(lesson.slug) ?? []), event])
      options.onEvent?.({ kind: 'captures-frozen', slug: lesson.slug, ...event })
    }
  }
  const due = planned.filter((lesson) => lesson.executions.some((execution) => execution.decision.kind === 'run'))
  const engines = due.length > 0 ? await reachEngines(due, folders.imagesDir, options) : []
  if (engines.length > 0 && !options.signal?.aborted) {
    const { currentBuildOwner, runExecutions } = await import('./run/index.js')
    const runs = await runExecutions(due, {
      host: options.host,
      jobs: Math.max(1, options.jobs ?? defaultJobs()),
      engines,
      owner: currentBuildOwner(),
      onEvent: options.onEvent,
      signal: options.signal,
      keepGoing: options.keepGoing,
    })
    for (const [plan, run] of runs) outcomes.set(plan, { run, source: 'executed' })
  }

  // The plans that ran (one per execution: lesson.yaml's claims are said once), and the captures each run replaced.
  const runners = new Set(planned.flatMap((lesson) => lesson.executions.map((execution) => execution.group.runner)))
  const earlier = new Map<LessonPlan, LessonRun>()
  for (const { executions, lesson } of planned) {
    for (const { group, decision } of executions) {
      if (decision.kind !== 'run' || !decision.earlier || outcomes.get(group.runner)?.source !== 'executed') continue
      const replaced = thawExecution(lesson.slug, decision.earlier)
      for (const plan of group.plans) earlier.set(plan, replaced)
    }
  }
  const rendered = lessons.flatMap((lesson) => lesson.plans.map((plan) => ({ plan, ...outcomes.get(plan) })))
  for (const { plan, run } of rendered) {
    if (!run) continue
    // Samples that changed are `check`'s to say (info); a build only writes them in when asked.
    if (options.updateSamples) await updateSamples(plan, run, dirs.get(plan.slug) ?? path.join(lessonsDir, plan.slug))
    bindOutputVars(plan, run)
    checkClaims(plan, run, { lessonClaims: runners.has(plan) })
    checkProseDrift(plan.tree, plan.file, run, earlier.get(plan))
  }
  const site = await renderSite({ lessons: rendered, outDir, templatesDir: folders.templatesDir, maxLines: options.maxLines ?? buildDefaults.maxLines, address: options.address, pageWorkers: options.pageWorkers, highlighter: options.highlighter, onPagesWritten: options.onPagesWritten, listedToo })
  const report = reportWithReused(buildReport(rendered), reused, slugs)
  await writeFileAtomic(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n', { durable: false })
  const capturesOf = new Map(planned.map((lesson) => [lesson.lesson.slug, lesson.captures.file]))
  recordLessons(memo, lessons.map((lesson) => ({ lesson, capturesFile: capturesOf.get(lesson.slug), rendered: rendered.filter((page) => page.plan.slug === lesson.slug), frozen: frozen.get(lesson.slug) ?? [] })), inputs)
  await memo.save(known, listing([...rendered.map((page) => listedPage(page.plan)), ...listedToo]))
  // Folders that are not lessons are said only when the whole folder is built.
  const recalled = reusedFiles(reused)
  const files = relocateMessages([...unknown, ...(options.slugs?.length ? [] : folder.files), ...lessons.flatMap((lesson) => lesson.files), ...recalled.lessonFiles, ...planned.map((lesson) => lesson.captures.file), ...recalled.capturesFiles])
  return { files, lessons: rendered, reused: [...reused.keys()], report, outDir, renderThreads: site.renderThreads, ok: !hasFatal(files) }
}

/**
 * Write `run`'s outputs into the lesson file `plan` was read from, in place of its samples.
 * Only a file on disk that still holds what was parsed (not a scenario's joined pages, not a
 * file edited meanwhile) is written, atomically.
 */
async function updateSamples(plan: LessonPlan, run: LessonRun, dir: string): Promise<void> {
  const file = path.join(dir, plan.file.basename ?? '')
  const parsed = String(plan.file.value)
  const onDisk = await readFile(file, 'utf8').catch(() => undefined)
  if (onDisk !== parsed) return
  const updated = withRealSamples(parsed, plan.tree, run)
  if (updated !== parsed) await writeFileAtomic(file, updated)
}

/** Lessons `index` (1-based), `index + count`, … of the sorted slugs: every shard of a matrix gets a fixed, disjoint share. */
export function shareOf(slugs: readonly string[], shard: { index: number; count: number }): string[] {
  return slugs.toSorted().filter((_slug, position) => position % shard.count === shard.index - 1)
}

/**
 * Probe every engine; reap what dead builds left on the reachable ones. When none answers,
 * every execution that was due says where and why it needed one; frozen captures still render.
 */
async function reachEngines(due: LessonExecutions[], imagesDir: string, options: BuildOptions): Promise<PoolEngine[]> {
  const { EngineImages, EngineUnreachableError, probeEngine, reapOrphans } = await import('./run/index.js')
  const endpoints: Array<string | undefined> = options.engines?.length ? options.engines : [undefined]
  const probes = await Promise.all(endpoints.map(async (endpoint) => {
    try {
      return { endpoint, info: await probeEngine({ engine: endpoint }) }
    } catch (error) {
      if (!(error instanceof EngineUnreachableError)) throw error
      return { endpoint, error }
    }
  }))
  const engines: PoolEngine[] = []
  for (const probe of probes) {
    if (!('info' in probe)) continue
    await reapOrphans({ engine: probe.endpoint })
    const imageOptions = { imagesDir, pull: options.pull ?? true, onEvent: options.onImageEvent ?? (() => {}) }
    engines.push({ endpoint: probe.endpoint, info: probe.info, images: new EngineImages(probe.endpoint, imageOptions) })
  }
  const failed = probes.flatMap((probe) => ('error' in probe ? [probe.error] : []))
  if (engines.length > 0) {
    // Some engines answer: the build goes on with them, and says which did not.
    for (const error of failed) options.onEvent?.({ kind: 'engine-skipped', endpoint: error.endpoint, reason: error.summary })
    return engines
  }
  const unreachable = failed[0]!
  for (const { executions } of due) {
    for (const { decision } of executions) {
      if (decision.kind !== 'run') continue
      const advice = decision.forced ? 'start a Docker engine' : 'start a Docker engine, or run `shellbook build --refresh` on a machine that has one'
      error(decision.file, `Lesson needs execution: ${decision.reason}, but ${unreachable.summary}; ${advice}`, decision.place, 'needs-execution')
    }
  }
  return []
}

/** Everything besides a lesson's folder that its messages and pages depend on. */
function memoSettings(folders: Folders, options: BuildOptions): string {
  return JSON.stringify([siteCodeFingerprint(folders.templatesDir), options.host ?? null, options.maxLines ?? buildDefaults.maxLines, options.address ?? null, options.keepGoing === true])
}

/** A build that read no lesson: nothing rendered, nothing written. */
function failed(folders: Folders, file: VFile): BuildResult {
  return { files: [file], lessons: [], reused: [], report: buildReport([]), outDir: folders.outDir, renderThreads: 0, ok: false }
}
