// The main job: load every lesson (parse → plan), decide per lesson which executions its
// frozen captures still cover, run the others on a host (writing their captures), render
// the site from what was executed or frozen, and write out/report.json.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { writeFileAtomic } from './files/write-atomic.js'
import { findLessonSlugs, hasErrors, loadLesson } from './plan/index.js'
import type { LessonPlan } from './plan/types.js'
import { renderSite } from './render/index.js'
import { buildReport, type Report } from './report.js'
import { EngineUnreachableError, probeEngine, type EngineInfo } from './run/engine.js'
import type { RunEventHandler } from './run/events.js'
import type { ImageEvent } from './run/images.js'
import { planExecutions, type LessonExecutions } from './run/lesson-executions.js'
import { executeLesson } from './run/execute-lesson.js'
import { thawExecution } from './run/captures-file.js'
import type { LessonRun } from './run/types.js'

export interface BuildOptions {
  /** Folder of lessons; default `lessons`. */
  lessonsDir: string
  /** Output folder; default `out`. */
  outDir: string
  /** Handlebars templates and i18n strings; default `templates`. */
  templatesDir: string
  /** Offline image recipes; default `images`. */
  imagesDir: string
  /** Lessons to build; default all. */
  slugs?: string[]
  host: 'local'
  /** Execute even when the frozen captures match: `true` for every lesson built, or the slugs to refresh. Default none. */
  refresh?: boolean | string[]
  /** Try `docker pull` for an image the engine lacks before building its stand-in; default true. */
  pull?: boolean
  onEvent?: RunEventHandler
  onImageEvent?: (event: ImageEvent) => void
  signal?: AbortSignal
}

/** How a rendered plan got its output. */
export type CaptureSource = 'executed' | 'frozen'

export interface BuildResult {
  /** Every file read, with its messages (for the reporter). */
  files: VFile[]
  /** Every plan, with its run (executed now or frozen) when it has one. */
  lessons: Array<{ plan: LessonPlan; run?: LessonRun; source?: CaptureSource }>
  report: Report
  ok: boolean
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  if (!existsSync(options.lessonsDir)) return missingLessonsFolder(options.lessonsDir)
  const known = await findLessonSlugs(options.lessonsDir)
  const unknown = [...(options.slugs ?? []), ...(Array.isArray(options.refresh) ? options.refresh : [])]
    .filter((slug, index, all) => !known.includes(slug) && all.indexOf(slug) === index)
    .map((slug) => unknownLesson(slug, known, options.lessonsDir))
  const slugs = options.slugs?.length ? options.slugs.filter((slug) => known.includes(slug)) : known
  const lessons = await Promise.all(slugs.map((slug) => loadLesson(options.lessonsDir, slug)))
  const sound = lessons.filter((lesson) => !hasErrors(lesson) && lesson.plans.length > 0)
  const planned = await Promise.all(sound.map((lesson) => planExecutions(lesson, refreshes(options.refresh, lesson.slug))))

  const outcomes = new Map<LessonPlan, { run: LessonRun; source: CaptureSource }>()
  for (const { executions, lesson } of planned) {
    for (const { group, decision } of executions) {
      if (decision.kind !== 'frozen') continue
      const run = thawExecution(lesson.slug, decision.execution)
      for (const plan of group.plans) outcomes.set(plan, { run, source: 'frozen' })
      options.onEvent?.({ kind: 'captures-frozen', slug: lesson.slug, locales: group.plans.map((plan) => plan.locale), capturedAt: decision.execution.provenance.startedAt })
    }
  }
  const due = planned.filter((lesson) => lesson.executions.some((execution) => execution.decision.kind === 'run'))
  const engine = due.length > 0 ? await reachEngine(due) : undefined
  for (const lesson of engine ? due : []) {
    if (options.signal?.aborted) break
    const runs = await executeLesson(lesson, engine!, options)
    for (const [plan, run] of runs) outcomes.set(plan, { run, source: 'executed' })
  }

  const rendered = lessons.flatMap((lesson) => lesson.plans.map((plan) => ({ plan, ...outcomes.get(plan) })))
  await renderSite({ lessons: rendered, outDir: options.outDir, templatesDir: options.templatesDir })
  const report = buildReport(rendered)
  await writeFileAtomic(path.join(options.outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n')
  const files = [...unknown, ...lessons.flatMap((lesson) => lesson.files), ...planned.map((lesson) => lesson.captures.file)]
  return { files, lessons: rendered, report, ok: !files.some((file) => file.messages.some((message) => message.fatal === true)) }
}

function refreshes(refresh: BuildOptions['refresh'], slug: string): boolean {
  return refresh === true || (Array.isArray(refresh) && refresh.includes(slug))
}

/**
 * Probe the engine once. When it is unreachable, every execution that was due says where
 * and why it needed one; frozen captures are untouched and still render.
 */
async function reachEngine(due: LessonExecutions[]): Promise<EngineInfo | undefined> {
  try {
    return await probeEngine()
  } catch (error) {
    if (!(error instanceof EngineUnreachableError)) throw error
    for (const { executions } of due) {
      for (const { decision } of executions) {
        if (decision.kind !== 'run') continue
        const advice = decision.forced ? 'start a Docker engine' : 'start a Docker engine, or run `shellbook build --refresh` on a machine that has one'
        decision.file.message(`Lesson needs execution: ${decision.reason}, but ${error.summary}; ${advice}`, {
          place: decision.place, ruleId: 'needs-execution', source: 'shellbook',
        }).fatal = true
      }
    }
    return undefined
  }
}

function missingLessonsFolder(lessonsDir: string): BuildResult {
  const file = new VFile({ path: path.relative(process.cwd(), lessonsDir) || lessonsDir })
  file.message('Unexpected missing lessons folder, expected a folder of `<slug>/lesson.yaml` and `<slug>/<locale>.md` (see --lessons)', {
    ruleId: 'no-lessons', source: 'shellbook',
  }).fatal = true
  return { files: [file], lessons: [], report: buildReport([]), ok: false }
}

/** A slug on the command line with no lesson folder: a message of its own. */
function unknownLesson(slug: string, known: string[], lessonsDir: string): VFile {
  const file = new VFile({ path: path.relative(process.cwd(), path.join(lessonsDir, slug)) })
  const expected = known.length > 0 ? `one of ${known.map((name) => `\`${name}\``).join(', ')}` : 'a folder holding lesson.yaml'
  file.message(`Unexpected lesson \`${slug}\`, expected ${expected}`, { ruleId: 'unknown-lesson', source: 'shellbook' }).fatal = true
  return file
}
