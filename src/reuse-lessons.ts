// The build's side of lesson-memo.ts: which lessons are read and which are taken from the memo,
// and what a build records for the next one.
import type { VFile } from 'vfile'
import { hasFatal } from './messages.js'
import { relocateMessages, type LoadedLesson, type LessonPlan } from './plan/index.js'
import { lessonPageFiles, listedPage, type ListedPage } from './render/index.js'
import { buildReport, type Report, type ReportLesson } from './report.js'
import { restoredFile, savedFile, type LessonMemo, type MemoEntry } from './lesson-memo.js'
import type { LessonRun } from './captures/index.js'

export interface ReadOrReused {
  /** The lessons read, in the order of the slugs built. */
  lessons: LoadedLesson[]
  /** Slug → memo entry, for lessons built from the memo. */
  reused: Map<string, MemoEntry>
  /** Pages on the site but not rendered: lessons not built this time, and the reused ones. */
  listedToo: ListedPage[]
  /** Slug → digest of its folder before it was read (what a record is compared with next time). */
  inputs: Map<string, string | undefined>
}

export interface ReuseOptions {
  memo: LessonMemo
  outDir: string
  /** The lessons built, and the others of the folder (listed only). */
  slugs: readonly string[]
  unbuilt: readonly string[]
  dirOf: (slug: string) => string
  load: (slug: string) => Promise<LoadedLesson>
  /** False with --refresh or --update-samples: every lesson built is read. */
  reuse: boolean
}

export async function readOrReuse(options: ReuseOptions): Promise<ReadOrReused> {
  const { memo, slugs, unbuilt, load } = options
  const all = [...slugs, ...unbuilt]
  const inputs = new Map(await Promise.all(all.map(async (slug) => [slug, await memo.inputsOf(options.dirOf(slug))] as const)))
  const pages = (page: ListedPage) => lessonPageFiles(options.outDir, page)
  const entryOf = (slug: string) => memo.reusable(slug, inputs.get(slug), pages)
  const reused = new Map<string, MemoEntry>()
  if (options.reuse) for (const slug of slugs) {
    const entry = entryOf(slug)
    if (entry) reused.set(slug, entry)
  }
  const lessons = await Promise.all(slugs.filter((slug) => !reused.has(slug)).map(load))
  // A build of some lessons still links the whole site: the others are read (or recalled) for the sidebar and indexes only.
  const others = await Promise.all(unbuilt.map(async (slug) => entryOf(slug)?.listed ?? (await load(slug)).plans.map(listedPage)))
  const listedNow = (extra: ListedPage[]) => listing([...lessons.flatMap((lesson) => lesson.plans.map(listedPage)), ...others.flat(), ...extra])
  // What the lists show changed (a title, a new lesson): every page's sidebar changes, so the reused lessons are read after all.
  if (reused.size > 0 && listedNow([...reused.values()].flatMap((entry) => entry.listed)) !== memo.listing) {
    lessons.push(...(await Promise.all([...reused.keys()].map(load))))
    reused.clear()
    lessons.sort((a, b) => slugs.indexOf(a.slug) - slugs.indexOf(b.slug))
  }
  return { lessons, reused, inputs, listedToo: [...others.flat(), ...[...reused.values()].flatMap((entry) => entry.listed)] }
}

/** Every page the lists show, in one comparable string. */
export function listing(pages: readonly ListedPage[]): string {
  return JSON.stringify(pages.map((page) => [page.slug, page.locale, page.title, page.description ?? null, page.sourceLocale ?? null, page.multiStep]).sort())
}

export interface Built {
  lesson: LoadedLesson
  capturesFile: VFile | undefined
  rendered: ReadonlyArray<{ plan: LessonPlan; run?: LessonRun; source?: 'executed' | 'frozen' }>
  frozen: MemoEntry['frozen']
}

/** Record the lessons that were frozen and sound; the others are read again next time. */
export function recordLessons(memo: LessonMemo, built: readonly Built[], inputs: ReadonlyMap<string, string | undefined>): void {
  for (const { lesson, capturesFile, rendered, frozen } of built) {
    const digest = inputs.get(lesson.slug)
    const files = relocateMessages(lesson.files)
    const allFrozen = rendered.length > 0 && rendered.every((page) => page.source === 'frozen')
    if (digest === undefined || !capturesFile || !allFrozen || hasFatal([...files, capturesFile])) continue
    memo.record(lesson.slug, {
      dir: lesson.dir,
      inputs: digest,
      files: files.map(savedFile),
      captures: savedFile(capturesFile),
      listed: lesson.plans.map(listedPage),
      report: buildReport(rendered).lessons,
      frozen,
    })
  }
}

/** The report of a build: what was rendered, and the reused lessons' entries, in the order of `slugs`. */
export function reportWithReused(report: Report, reused: ReadonlyMap<string, MemoEntry>, slugs: readonly string[]): Report {
  const entries: ReportLesson[] = [...report.lessons, ...[...reused.values()].flatMap((entry) => entry.report)]
  entries.sort((a, b) => slugs.indexOf(a.slug) - slugs.indexOf(b.slug))
  return { ...report, ok: entries.every((entry) => entry.ok), lessons: entries }
}

/** The reused lessons' files, as they were reported. */
export function reusedFiles(reused: ReadonlyMap<string, MemoEntry>): { lessonFiles: VFile[]; capturesFiles: VFile[] } {
  const entries = [...reused.values()]
  return { lessonFiles: entries.flatMap((entry) => entry.files.map(restoredFile)), capturesFiles: entries.map((entry) => restoredFile(entry.captures)) }
}
