// sitemap.xml: every page readers land on, each lesson with its translations as
// `xhtml:link` alternates (Google's form for localized pages).
import { siteHref, type LessonsByLocale, type SiteAddress } from './site-nav.js'

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)

export function sitemapXml(lessons: LessonsByLocale, address: SiteAddress): string {
  const urls: string[] = [url(siteHref(address, ''), [])]
  for (const [locale, list] of [...lessons].sort(([a], [b]) => a.localeCompare(b))) {
    urls.push(url(siteHref(address, `${locale}/`), []))
    for (const lesson of list) {
      const alternates = lesson.locales.length > 1 ? lesson.locales.map((other) => ({ lang: other, href: siteHref(address, `${other}/${lesson.slug}/`) })) : []
      urls.push(url(siteHref(address, `${locale}/${lesson.slug}/`), alternates))
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('')}</urlset>\n`
}

function url(loc: string, alternates: ReadonlyArray<{ lang: string; href: string }>): string {
  const links = alternates.map((link) => `    <xhtml:link rel="alternate" hreflang="${escapeXml(link.lang)}" href="${escapeXml(link.href)}"/>\n`).join('')
  return `  <url>\n    <loc>${escapeXml(loc)}</loc>\n${links}  </url>\n`
}
