// The three kinds of page: a lesson, a locale's index of lessons, the root list of
// languages. Links are relative and name `index.html`, so the site works from file://.
import { toHtml } from 'hast-util-to-html'
import { createTranslator, defaultLocale, plural, type Catalogs } from './i18n.js'
import { lessonToHast } from './lesson-hast.js'
import type { CommandHighlighter } from './highlight.js'
import { provenanceView } from './provenance.js'
import { renderPage, type Templates } from './templates.js'
import type { LessonContext } from './types.js'

/** What every page of one build shares. */
export interface SiteEnv {
  templates: Templates
  catalogs: Catalogs
  highlighter: CommandHighlighter
}

/** A lesson page; `locales` are every locale this lesson exists in (for hreflang links). */
export function lessonHtml(ctx: LessonContext, locales: readonly string[], env: SiteEnv): string {
  const { plan, run, t } = ctx
  const slug = plan.slug
  const others = locales.length > 1 ? locales : []
  const first = plan.tree.children[0]
  const view = {
    title: plan.title,
    // The lesson's own top heading, when it has one, is its title.
    showTitle: !(first?.type === 'heading' && first.depth === 1),
    translations: others.map((locale) => ({
      lang: locale,
      name: languageName(locale, env.catalogs),
      href: `../../${locale}/${slug}/index.html`,
      current: locale === plan.locale,
    })),
    indexHref: '../index.html',
    content: toHtml(lessonToHast(ctx, { highlighter: env.highlighter, t })),
    notRun: run === undefined,
    provenance: run ? provenanceView(run.provenance, plan.locale, t) : null,
  }
  const alternates = others.map((locale) => ({ hreflang: locale, href: `../../${locale}/${slug}/index.html` }))
  return renderPage(env.templates, 'lesson', view, { ...frame(plan.locale, plan.title, '../../', alternates), description: plan.description }, t)
}

/** A locale's list of lessons, each with links to its other locales. */
export function indexHtml(locale: string, lessons: ReadonlyArray<{ slug: string; title: string; locales: readonly string[] }>, env: SiteEnv): string {
  const t = createTranslator(locale, env.catalogs)
  const view = {
    lessons: lessons.map((lesson) => ({
      title: lesson.title,
      href: `${lesson.slug}/index.html`,
      translations: lesson.locales
        .filter((other) => other !== locale)
        .map((other) => ({ lang: other, name: languageName(other, env.catalogs), href: `../${other}/${lesson.slug}/index.html` })),
    })),
    rootHref: '../index.html',
  }
  return renderPage(env.templates, 'index', view, frame(locale, t('index.title'), '../', []), t)
}

/** The root page: one link per language, named in that language. */
export function rootHtml(locales: ReadonlyArray<{ locale: string; count: number }>, env: SiteEnv): string {
  const t = createTranslator(defaultLocale, env.catalogs)
  const view = {
    languages: locales.map(({ locale, count }) => ({
      lang: locale,
      name: languageName(locale, env.catalogs),
      count: plural(createTranslator(locale, env.catalogs), locale, 'root.lessonCount', count),
      href: `${locale}/index.html`,
    })),
  }
  return renderPage(env.templates, 'root', view, frame(defaultLocale, t('root.title'), '', []), t)
}

function frame(lang: string, title: string, rel: string, alternates: Array<{ hreflang: string; href: string }>) {
  return { lang, title, assets: `${rel}assets/`, home: `${rel}index.html`, alternates }
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
