// The site writer: every lesson in every locale as HTML and Markdown, an index per locale,
// a root page, a 404 page, sitemap.xml, the assets and the search index, each file written atomically.
import { lessonMediaFiles, mediaStamp } from './lesson-media-files.js'
import { readdir, readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { LessonPlan } from '../plan/index.js'
import type { LessonRun } from '../captures/index.js'
import { createCommandHighlighter, disposeCommandHighlighter, type CommandHighlighter } from './highlight.js'
import { indexHtml, lessonHtml, notFoundHtml, rootHtml, type SiteEnv } from './html-page.js'
import { loadCatalogs } from './i18n.js'
import { renderPageJob, type PageJob } from './page-workers/page-job.js'
import { pageWorkersFor, renderJobs } from './page-workers/pool.js'
import { defaultPageWorkers } from '../build-defaults.js'
import { openPageCache } from './page-cache.js'
import { openSearchIndex } from './search-index.js'
import { defaultAddress, type ListedPage, type NavLesson, type SiteAddress } from './site-nav.js'
import { sitemapXml } from './sitemap.js'
import { loadTemplates } from './templates.js'
import { writePageFile } from '../files/index.js'

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
  /** Where the site is published (base path, site URL); default `/`, no URL. */
  address?: SiteAddress | undefined
  /** A highlighter kept across builds (`shellbook dev`): its grammar is compiled once; default a new one. */
  highlighter?: CommandHighlighter | undefined
  /**
   * Lesson pages not rendered this time but on the site (a build of some lessons, a lesson
   * unchanged since the last build): listed in sidebars and indexes, their files kept as they are.
   */
  listedToo?: readonly ListedPage[] | undefined
  /**
   * Called once every page is written, before the search index (which takes a while) is; the
   * index waits for what it returns (`shellbook dev`: the open pages reloaded, so they get the CPU first).
   */
  onPagesWritten?: (() => void | Promise<void>) | undefined
  /** Threads rendering pages beside this one; default `defaultPageWorkers()`, and none for a few lessons. */
  pageWorkers?: number | undefined
}

export interface RenderedSite {
  /** Every file written, in the order written. */
  files: string[]
  /** Threads that rendered lesson pages (this one and page workers); 0 when none needed rendering. */
  renderThreads: number
}

export async function renderSite(options: RenderSiteOptions): Promise<RenderedSite> {
  const { lessons, outDir, templatesDir } = options
  const env: SiteEnv = {
    templates: await loadTemplates(templatesDir),
    catalogs: await loadCatalogs(templatesDir),
    highlighter: options.highlighter ?? createCommandHighlighter(),
  }
  const files: string[] = []
  // Pages are made again by the next build: written at once, atomically, with no flush to disk (write-atomic.ts).
  const write = (path: string, data: string | Uint8Array) => {
    writePageFile(path, data)
    files.push(path)
  }
  const site = join(outDir, 'site')
  const search = openSearchIndex(site)
  // Closed however the build ends: the indexer is a process of its own.
  try {
    const address = options.address ?? defaultAddress
    const { listed, localesOf, byLocale, descriptions } = siteListing([...lessons.map((lesson) => listedPage(lesson.plan)), ...(options.listedToo ?? [])])
    const siteNav = { lessons: byLocale, address }
    const cache = await openPageCache(outDir, templatesDir)
    const siteInputs = JSON.stringify({ address, maxLines: options.maxLines })
    let pagesChanged = false
    for (const page of options.listedToo ?? []) for (const file of lessonPageFiles(outDir, page)) cache.keep(file)
    // One job per lesson: its locales that share a run share its screens, emulated once.
    const jobs = new Map<string, { job: PageJob; inputs: string[] }>()
    for (const { plan, run } of lessons) {
      const [page, markdown] = lessonPageFiles(outDir, plan)
      // A lesson that could not run this time (no engine, bad input) keeps the pages an
      // earlier build rendered with real output: nothing already rendered is lost.
      if (!run && existsSync(page)) continue
      const inputs = JSON.stringify([siteInputs, String(plan.file.value), plan.config, plan.title, plan.description ?? null, run ?? null, byLocale.get(plan.locale), localesOf.get(plan.slug), mediaStamp(plan)])
      if (cache.fresh(page, inputs) && cache.fresh(markdown, inputs)) continue
      const entry = jobs.get(plan.slug) ?? { job: { pages: [] }, inputs: [] }
      entry.job.pages.push({ plan, run, locales: (localesOf.get(plan.slug) ?? []).toSorted() })
      entry.inputs.push(inputs)
      jobs.set(plan.slug, entry)
    }
    const inputsOf = new Map([...jobs.values()].map(({ job, inputs }) => [job, inputs]))
    const due = [...jobs.values()].map(({ job }) => job)
    const threads = await renderJobs({
      jobs: due,
      renderHere: (job) => renderPageJob(job, env, siteNav, options.maxLines),
      workers: pageWorkersFor(due.length, options.pageWorkers ?? defaultPageWorkers(), options.pageWorkers !== undefined),
      workerData: { templatesDir, maxLines: options.maxLines, site: siteNav },
      onRendered: (job, rendered) => {
        for (const [index, { plan }] of job.pages.entries()) {
          const [page, markdown] = lessonPageFiles(outDir, plan)
          const { html, markdown: text } = rendered[index]!
          write(page, html)
          search.add(relative(site, page), html)
          write(markdown, text)
          for (const { file, bytes } of lessonMediaFiles(plan, page, markdown)) write(file, bytes)
          const inputs = inputsOf.get(job)![index]!
          cache.record(page, inputs)
          cache.record(markdown, inputs)
          pagesChanged = true
        }
      },
    })
    // The pages about the whole site: written again only when what they list changed.
    const siteWide = JSON.stringify([siteInputs, [...byLocale], [...descriptions]])
    const writeSiteWide = (file: string, make: () => string) => {
      if (cache.fresh(file, siteWide)) return
      write(file, make())
      cache.record(file, siteWide)
    }
    const locales = [...byLocale.keys()].sort()
    for (const locale of locales) {
      const inLocale = (byLocale.get(locale) ?? []).map((lesson) => ({ ...lesson, description: descriptions.get(`${locale}/${lesson.slug}`) }))
      writeSiteWide(join(site, locale, 'index.html'), () => indexHtml(locale, inLocale, env, locales, address))
    }
    writeSiteWide(join(site, 'index.html'), () => rootHtml(locales.map((locale) => ({ locale, count: byLocale.get(locale)?.length ?? 0 })), env, address))
    writeSiteWide(join(site, '404.html'), () => notFoundHtml(locales, env, address))
    writeSiteWide(join(site, 'sitemap.xml'), () => sitemapXml(byLocale, address))
    for (const { file, bytes } of await siteAssets(templatesDir, site)) {
      if (cache.fresh(file, bytes.toString('base64'))) continue
      write(file, bytes)
      cache.record(file, bytes.toString('base64'))
    }
    if (!options.highlighter) disposeCommandHighlighter(env.highlighter)
    await options.onPagesWritten?.()
    // Lesson pages are all the index holds: unchanged pages, unchanged index.
    if (pagesChanged || !existsSync(join(site, 'pagefind', 'pagefind.js'))) files.push(await search.write(listed.map((page) => relative(site, lessonPageFiles(outDir, page)[0]))))
    await cache.save()
    return { files, renderThreads: threads }
  } finally {
    await search.close()
  }
}

/** Every page on the site, sorted by slug, and what the sidebars and indexes make of them. */
function siteListing(pages: ListedPage[]) {
  const listed = pages.toSorted((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  const localesOf = new Map<string, string[]>()
  for (const page of listed) {
    checkSegment(page.slug, 'slug')
    checkSegment(page.locale, 'locale')
    push(localesOf, page.slug, page.locale)
  }
  const byLocale = new Map<string, NavLesson[]>()
  const descriptions = new Map<string, string | undefined>()
  for (const page of listed) {
    const locales = (localesOf.get(page.slug) ?? []).toSorted()
    push(byLocale, page.locale, { slug: page.slug, title: page.title, locales, sourceLocale: page.sourceLocale, multiStep: page.multiStep })
    descriptions.set(`${page.locale}/${page.slug}`, page.description)
  }
  return { listed, localesOf, byLocale, descriptions }
}

/** The template folder's assets, each with the file it becomes on the site. */
async function siteAssets(templatesDir: string, site: string): Promise<Array<{ file: string; bytes: Buffer }>> {
  const assets = join(templatesDir, 'assets')
  const names = (await readdir(assets)).sort()
  return Promise.all(names.map(async (name) => ({ file: join(site, 'assets', name), bytes: await readFile(join(assets, name)) })))
}

/** How the lists name a lesson page. */
export function listedPage(plan: LessonPlan): ListedPage {
  return { slug: plan.slug, locale: plan.locale, title: plan.title, description: plan.description, sourceLocale: plan.config.source, multiStep: plan.file.data.scenario !== undefined }
}

/** The files of a lesson page: its HTML, its Markdown. */
export function lessonPageFiles(outDir: string, page: { slug: string; locale: string }): [html: string, markdown: string] {
  return [join(outDir, 'site', page.locale, page.slug, 'index.html'), join(outDir, 'md', page.locale, `${page.slug}.md`)]
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
