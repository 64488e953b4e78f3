// The site writer: every lesson in every locale as HTML and Markdown, an index per locale,
// a root page, and the assets, each file written atomically.
import { readdir, readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { LessonPlan } from '../plan/index.js'
import type { LessonRun } from '../captures/index.js'
import { createCommandHighlighter } from './highlight.js'
import { indexHtml, lessonHtml, rootHtml, type SiteEnv } from './html-page.js'
import { createTranslator, loadCatalogs } from './i18n.js'
import { lessonContext, runScreens } from './lesson-context.js'
import { lessonMarkdown } from './markdown.js'
import { loadTemplates } from './templates.js'
import { writeFileAtomic } from '../files/index.js'

export interface SiteLesson {
  plan: LessonPlan
  /** Absent when the lesson never ran: its page shows the commands and says so. */
  run?: LessonRun | undefined
}

export interface RenderSiteOptions {
  lessons: readonly SiteLesson[]
  /** Output folder: pages go to `<outDir>/site`, Markdown to `<outDir>/md`. */
  outDir: string
  /** Folder of `layout.hbs`, `lesson.hbs`, `index.hbs`, `root.hbs`, `partials/`, `assets/`, `i18n/`. */
  templatesDir: string
  /** Lines shown at most per output when its cell chooses none (head, tail, lines); 0 = no cap; default `defaultMaxLines` (200). */
  maxLines?: number | undefined
}

export interface RenderedSite {
  /** Every file written, in the order written. */
  files: string[]
}

export async function renderSite(options: RenderSiteOptions): Promise<RenderedSite> {
  const { lessons, outDir, templatesDir } = options
  const env: SiteEnv = {
    templates: await loadTemplates(templatesDir),
    catalogs: await loadCatalogs(templatesDir),
    highlighter: createCommandHighlighter(),
  }
  const files: string[] = []
  const write = async (path: string, data: string | Uint8Array) => {
    await writeFileAtomic(path, data)
    files.push(path)
  }
  const site = join(outDir, 'site')
  // The locales of one execution share its run (and lesson.yaml's terminal size), so its screens: emulated once.
  const screensByRun = new Map<LessonRun, Promise<Map<string, string>>>()
  const screensOf = (run: LessonRun, plan: LessonPlan) => {
    const screens = screensByRun.get(run) ?? runScreens(run, plan.config.terminal)
    screensByRun.set(run, screens)
    return screens
  }
  const localesOf = new Map<string, string[]>()
  const lessonsIn = new Map<string, Array<{ slug: string; title: string }>>()
  for (const { plan } of lessons) {
    checkSegment(plan.slug, 'slug')
    checkSegment(plan.locale, 'locale')
    push(localesOf, plan.slug, plan.locale)
    push(lessonsIn, plan.locale, { slug: plan.slug, title: plan.title })
  }
  for (const { plan, run } of lessons) {
    const page = join(site, plan.locale, plan.slug, 'index.html')
    // A lesson that could not run this time (no engine, bad input) keeps the pages an
    // earlier build rendered with real output: nothing already rendered is lost.
    if (!run && existsSync(page)) continue
    const screens = run ? await screensOf(run, plan) : undefined
    const ctx = await lessonContext(plan, run, createTranslator(plan.locale, env.catalogs), { maxLines: options.maxLines, screens })
    await write(page, lessonHtml(ctx, (localesOf.get(plan.slug) ?? []).toSorted(), env))
    await write(join(outDir, 'md', plan.locale, `${plan.slug}.md`), lessonMarkdown(ctx))
  }
  const locales = [...lessonsIn.keys()].sort()
  for (const locale of locales) {
    const listed = (lessonsIn.get(locale) ?? []).map((lesson) => ({ ...lesson, locales: (localesOf.get(lesson.slug) ?? []).toSorted() }))
    await write(join(site, locale, 'index.html'), indexHtml(locale, listed, env))
  }
  await write(join(site, 'index.html'), rootHtml(locales.map((locale) => ({ locale, count: lessonsIn.get(locale)?.length ?? 0 })), env))
  const assets = join(templatesDir, 'assets')
  for (const name of (await readdir(assets)).sort()) await write(join(site, 'assets', name), await readFile(join(assets, name)))
  return { files }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  map.set(key, [...(map.get(key) ?? []), value])
}

/** Slugs and locales become folder names: refuse anything that could leave `outDir`. */
function checkSegment(value: string, what: string): void {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(value) || value.includes('..')) {
    throw new Error(`Unexpected ${what} \`${value}\`, expected letters, digits, \`-\`, \`_\` or \`.\``)
  }
}
