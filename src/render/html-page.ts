// The kinds of page: a lesson, a locale's index of lessons, the root list of languages, and
// the 404 page. Links between pages are relative and name `index.html`, so the site works
// from file:// and under any folder; only canonical links, the sitemap and the 404 page
// (served at any depth) use the site's address.
import { toHtml } from 'hast-util-to-html'
import { createTranslator, defaultLocale, plural, type Catalogs } from './i18n.js'
import { lessonToHast } from './lesson-hast.js'
import type { CommandHighlighter } from './highlight.js'
import { outlineHeadings } from './page-outline.js'
import { provenanceView } from './provenance.js'
import { defaultAddress, defaultLocaleOf, neighbours, siteHref, type LessonsByLocale, type NavLesson, type SiteAddress } from './site-nav.js'
import { renderPage, type Templates } from './templates.js'
import type { LessonContext } from './types.js'

/** What every page of one build shares. */
export interface SiteEnv {
  templates: Templates
  catalogs: Catalogs
  highlighter: CommandHighlighter
}

/** The rest of the site a page links to; a page rendered alone has only itself. */
export interface PageSite {
  lessons: LessonsByLocale
  address: SiteAddress
}

/** A lesson page; `locales` are every locale this lesson exists in (for hreflang links). */
export function lessonHtml(ctx: LessonContext, locales: readonly string[], env: SiteEnv, site?: PageSite | undefined): string {
  const { plan, run, t } = ctx
  const slug = plan.slug
  const self: NavLesson = { slug, title: plan.title, locales, sourceLocale: plan.config.source, multiStep: plan.file.data.scenario !== undefined }
  const { lessons, address } = site ?? { lessons: new Map([[plan.locale, [self]]]), address: defaultAddress }
  const inLocale = lessons.get(plan.locale) ?? [self]
  const hast = lessonToHast(ctx, { highlighter: env.highlighter, t })
  const outline = outlineHeadings(hast)
  const { previous, next } = neighbours(inLocale, slug)
  const link = (lesson: NavLesson | undefined) => (lesson ? { title: lesson.title, href: `../${lesson.slug}/index.html` } : null)
  const first = plan.tree.children[0]
  const view = {
    title: plan.title,
    // The lesson's own top heading, when it has one, is its title.
    showTitle: !(first?.type === 'heading' && first.depth === 1),
    indexHref: '../index.html',
    content: toHtml(hast),
    notRun: run === undefined,
    provenance: run ? provenanceView(run.provenance, plan.locale, t) : null,
    previous: link(previous),
    next: link(next),
    toc: outline.length > 1 ? outline : null,
  }
  const sidebar = inLocale.map((lesson) => ({
    title: lesson.title,
    href: `../${lesson.slug}/index.html`,
    current: lesson.slug === slug,
    steps: lesson.slug === slug && lesson.multiStep ? outline.filter((entry) => entry.depth === 2).map((entry) => ({ text: entry.text, href: `#${entry.id}` })) : [],
  }))
  const x = defaultLocaleOf(self)
  const frame = {
    ...pageFrame(plan.locale, plan.title, '../../'),
    description: plan.description,
    canonical: canonicalHref(address, `${plan.locale}/${slug}/`),
    alternates: locales.length > 1 ? [...locales, ...(x ? ['x-default'] : [])].map((hreflang) => ({ hreflang, href: pageHref(address, `${hreflang === 'x-default' ? x : hreflang}/${slug}/`, '../../') })) : [],
    languages: languageLinks(locales, plan.locale, (locale) => `../../${locale}/${slug}/index.html`, env.catalogs),
    sidebar: { indexHref: '../index.html', lessons: sidebar },
    prevHref: view.previous?.href,
    nextHref: view.next?.href,
  }
  return renderPage(env.templates, 'lesson', view, frame, t)
}

/** A locale's list of lessons, each with links to its other locales. */
export function indexHtml(locale: string, lessons: ReadonlyArray<{ slug: string; title: string; description?: string | undefined; locales: readonly string[] }>, env: SiteEnv, allLocales: readonly string[] = [locale], address: SiteAddress = defaultAddress): string {
  const t = createTranslator(locale, env.catalogs)
  const view = {
    lessons: lessons.map((lesson) => ({
      title: lesson.title,
      href: `${lesson.slug}/index.html`,
      description: lesson.description,
      translations: lesson.locales
        .filter((other) => other !== locale)
        .map((other) => ({ lang: other, name: languageName(other, env.catalogs), href: `../${other}/${lesson.slug}/index.html` })),
    })),
    rootHref: '../index.html',
  }
  const frame = {
    ...pageFrame(locale, t('index.title'), '../'),
    canonical: canonicalHref(address, `${locale}/`),
    languages: languageLinks(allLocales, locale, (other) => `../${other}/index.html`, env.catalogs),
    sidebar: { indexHref: 'index.html', lessons: lessons.map((lesson) => ({ title: lesson.title, href: `${lesson.slug}/index.html`, current: false, steps: [] })) },
  }
  return renderPage(env.templates, 'index', view, frame, t)
}

/** The root page: one link per language, named in that language; a script picks the reader's. */
export function rootHtml(locales: ReadonlyArray<{ locale: string; count: number }>, env: SiteEnv, address: SiteAddress = defaultAddress): string {
  const t = createTranslator(defaultLocale, env.catalogs)
  const view = {
    languages: locales.map(({ locale, count }) => ({
      lang: locale,
      name: languageName(locale, env.catalogs),
      count: plural(createTranslator(locale, env.catalogs), locale, 'root.lessonCount', count),
      href: `${locale}/index.html`,
    })),
  }
  return renderPage(env.templates, 'root', view, { ...pageFrame(defaultLocale, t('root.title'), ''), canonical: canonicalHref(address, ''), chooseLanguage: true }, t)
}

/** The 404 page, served at any depth: its links start from the site's base path. */
export function notFoundHtml(locales: readonly string[], env: SiteEnv, address: SiteAddress = defaultAddress): string {
  const t = createTranslator(defaultLocale, env.catalogs)
  const view = {
    languages: locales.map((locale) => {
      const t = createTranslator(locale, env.catalogs) // each section in its own language
      return { lang: locale, title: t('notFound.title'), text: t('notFound.text'), name: languageName(locale, env.catalogs), href: `${address.basePath}${locale}/index.html` }
    }),
  }
  return renderPage(env.templates, 'notFound', view, { ...pageFrame(defaultLocale, t('notFound.title'), address.basePath), noSearch: true }, t)
}

/** Canonical links are absolute or absent: only a known site URL makes one. */
function canonicalHref(address: SiteAddress, sitePath: string): string | undefined {
  return address.siteUrl === undefined ? undefined : siteHref(address, sitePath)
}

/** A page's address for crawlers (hreflang): absolute with a site URL, else relative, as the page's links. */
function pageHref(address: SiteAddress, sitePath: string, rel: string): string {
  return address.siteUrl === undefined ? `${rel}${sitePath}index.html` : siteHref(address, sitePath)
}

/** What the layout reads on every page (strict templates: each key is there, set or not). */
function pageFrame(lang: string, title: string, rel: string) {
  return {
    lang, title, rel,
    assets: `${rel}assets/`,
    pagefind: `${rel}pagefind/`,
    home: `${rel}index.html`,
    description: undefined as string | undefined,
    canonical: undefined as string | undefined,
    alternates: [] as Array<{ hreflang: string; href: string }>,
    languages: [] as Array<{ lang: string; name: string; href: string; current: boolean }>,
    sidebar: null as { indexHref: string; lessons: Array<{ title: string; href: string; current: boolean; steps: Array<{ text: string; href: string }> }> } | null,
    prevHref: undefined as string | undefined,
    nextHref: undefined as string | undefined,
    chooseLanguage: false,
    noSearch: false,
  }
}

function languageLinks(locales: readonly string[], current: string, href: (locale: string) => string, catalogs: Catalogs) {
  if (locales.length < 2) return []
  return locales.map((locale) => ({ lang: locale, name: languageName(locale, catalogs), href: href(locale), current: locale === current }))
}

/** A language's own name: `locale.name` of its catalog, else what Intl knows, else the code. */
export function languageName(locale: string, catalogs: Catalogs): string {
  const language = locale.split('-')[0] ?? locale
  const own = catalogs.get(locale) ?? catalogs.get(language)
  const name = own?.['locale.name']
  if (name !== undefined) return name
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale
  } catch {
    return locale // not a well-formed language tag: show it as written
  }
}
