// How a reader moves through the site: the lessons of a locale in order (the sidebar and
// previous/next), a lesson's other languages, and the site's addresses (base path, canonical
// URLs). Page links stay relative, so the site also works from file:// and under any folder.

/** One lesson of one locale, as the navigation lists it. */
export interface NavLesson {
  slug: string
  title: string
  /** Every locale this lesson exists in, sorted. */
  locales: readonly string[]
  /** The locale it was written in (lesson.yaml `source`), for `x-default`. */
  sourceLocale: string | undefined
  /** A scenario with steps: its steps are listed under it in the sidebar. */
  multiStep: boolean
}

/** A lesson page as the lists name it (sidebars, indexes), without its content. */
export interface ListedPage {
  slug: string
  locale: string
  title: string
  description: string | undefined
  sourceLocale: string | undefined
  multiStep: boolean
}

/** Where the site is published: a folder of a host (`/docs/`), and the host when known. */
export interface SiteAddress {
  /** Path the site is served under, with a slash at each end; default `/`. */
  basePath: string
  /** `https://example.org`, no path; canonical links and the sitemap are absolute only with it. */
  siteUrl: string | undefined
}

export const defaultAddress: SiteAddress = { basePath: '/', siteUrl: undefined }

/** The address of a site path (`fr/slug/`): absolute with a site URL, else from the host's root. */
export function siteHref(address: SiteAddress, sitePath: string): string {
  return `${address.siteUrl ?? ''}${address.basePath}${sitePath}`
}

/** Lessons of each locale, in build order. */
export type LessonsByLocale = ReadonlyMap<string, readonly NavLesson[]>

/** The lesson before and after `slug` in its locale, for previous/next. */
export function neighbours(lessons: readonly NavLesson[], slug: string): { previous: NavLesson | undefined; next: NavLesson | undefined } {
  const at = lessons.findIndex((lesson) => lesson.slug === slug)
  return { previous: at > 0 ? lessons[at - 1] : undefined, next: at >= 0 ? lessons[at + 1] : undefined }
}

/** The locale `x-default` points at: the lesson's source locale, else English, else the first. */
export function defaultLocaleOf(lesson: NavLesson): string | undefined {
  const { locales, sourceLocale } = lesson
  if (sourceLocale !== undefined && locales.includes(sourceLocale)) return sourceLocale
  return locales.includes('en') ? 'en' : locales[0]
}
