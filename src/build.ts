// The main job: load every lesson (parse → plan), run the ones that are sound on a host,
// render the site from whatever was captured, and write out/report.json.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { findLessonSlugs, hasErrors, loadLesson, type LoadedLesson } from './plan/index.js'
import { pointOfText } from './plan/point-of-text.js'
import type { LessonPlan } from './plan/types.js'
import { renderSite, writeFileAtomic } from './render/index.js'
import { buildReport, type Report } from './report.js'
import { EngineUnreachableError, probeEngine, type EngineInfo } from './run/engine.js'
import type { RunEventHandler } from './run/events.js'
import { ensureImages, MissingImageError, type ImageEvent } from './run/images.js'
import { createLocalHost } from './run/local-host.js'
import { runLesson } from './run/run-lesson.js'
import type { ImageProvenance, LessonRun } from './run/types.js'

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
  /** Try `docker pull` for an image the engine lacks before building its stand-in; default true. */
  pull?: boolean
  onEvent?: RunEventHandler
  onImageEvent?: (event: ImageEvent) => void
  signal?: AbortSignal
}

export interface BuildResult {
  /** Every file read, with its messages (for the reporter). */
  files: VFile[]
  /** Every plan, with its run when it ran. */
  lessons: Array<{ plan: LessonPlan; run?: LessonRun }>
  report: Report
  ok: boolean
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  if (!existsSync(options.lessonsDir)) return missingLessonsFolder(options.lessonsDir)
  const known = await findLessonSlugs(options.lessonsDir)
  const unknown = (options.slugs ?? []).filter((slug) => !known.includes(slug)).map((slug) => unknownLesson(slug, known, options.lessonsDir))
  const slugs = options.slugs?.length ? options.slugs.filter((slug) => known.includes(slug)) : known
  const lessons = await Promise.all(slugs.map((slug) => loadLesson(options.lessonsDir, slug)))
  const runs = new Map<LessonPlan, LessonRun>()
  const runnable = lessons.filter((lesson) => !hasErrors(lesson) && lesson.plans.length > 0)
  const engine = runnable.length > 0 ? await reachEngine(runnable) : undefined
  for (const lesson of engine ? runnable : []) {
    if (options.signal?.aborted) break
    const images = await prepareImages(lesson, options)
    if (!images) continue
    for (const plan of lesson.plans) {
      const run = await runLesson(plan, {
        host: createLocalHost(plan),
        provenance: { hostKind: 'local', engineVersion: engine!.serverVersion, kernel: engine!.kernel, os: engine!.os, images },
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      })
      runs.set(plan, run)
    }
  }
  const rendered = lessons.flatMap((lesson) => lesson.plans.map((plan) => ({ plan, ...withRun(runs.get(plan)) })))
  await renderSite({ lessons: rendered, outDir: options.outDir, templatesDir: options.templatesDir })
  const report = buildReport(rendered)
  await writeFileAtomic(path.join(options.outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n')
  const files = [...unknown, ...lessons.flatMap((lesson) => lesson.files)]
  return { files, lessons: rendered, report, ok: !files.some((file) => file.messages.some((message) => message.fatal === true)) }
}

/** Probe the engine once; when it is unreachable, every lesson that needed it says so. */
async function reachEngine(lessons: LoadedLesson[]): Promise<EngineInfo | undefined> {
  try {
    return await probeEngine()
  } catch (error) {
    if (!(error instanceof EngineUnreachableError)) throw error
    for (const lesson of lessons) {
      const file = lesson.plans[0]?.file ?? lesson.configFile
      file.message(error.message, { place: { line: 1, column: 1 }, ruleId: 'engine-unreachable', source: 'shellbook' }).fatal = true
    }
    return undefined
  }
}

/** Make the lesson's images available; a missing one is reported at its line in lesson.yaml. */
async function prepareImages(lesson: LoadedLesson, options: BuildOptions): Promise<ImageProvenance[] | undefined> {
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

function withRun(run: LessonRun | undefined): { run?: LessonRun } {
  return run ? { run } : {}
}
