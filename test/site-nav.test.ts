// The site's navigation pieces on their own: previous/next, x-default, addresses, the outline
// of a page (ids for h2/h3, Chinese kept), and the sitemap with translations as alternates.
import type { Root } from 'hast'
import { describe, expect, it } from 'vitest'
import { outlineHeadings } from '../src/render/page-outline.js'
import { defaultLocaleOf, neighbours, siteHref, type NavLesson } from '../src/render/site-nav.js'
import { sitemapXml } from '../src/render/sitemap.js'

const lesson = (slug: string, locales: string[] = ['en'], sourceLocale?: string): NavLesson => ({ slug, title: slug.toUpperCase(), locales, sourceLocale, multiStep: false })

describe('navigation', () => {
  it('links each lesson to the one before and after it in its locale', () => {
    const list = [lesson('a'), lesson('b'), lesson('c')]
    expect(neighbours(list, 'a')).toEqual({ previous: undefined, next: list[1] })
    expect(neighbours(list, 'b')).toEqual({ previous: list[0], next: list[2] })
    expect(neighbours(list, 'c')).toEqual({ previous: list[1], next: undefined })
  })

  it('points x-default at the source locale, else English, else the first', () => {
    expect(defaultLocaleOf(lesson('a', ['en', 'fr', 'zh'], 'zh'))).toBe('zh')
    expect(defaultLocaleOf(lesson('a', ['en', 'fr']))).toBe('en')
    expect(defaultLocaleOf(lesson('a', ['fr', 'zh']))).toBe('fr')
  })

  it('makes addresses under the base path, absolute with a site URL', () => {
    expect(siteHref({ basePath: '/docs/', siteUrl: undefined }, 'fr/a/')).toBe('/docs/fr/a/')
    expect(siteHref({ basePath: '/', siteUrl: 'https://example.org' }, 'fr/a/')).toBe('https://example.org/fr/a/')
  })

  it('gives h2 and h3 ids, keeps an author id, and lists them in order', () => {
    const heading = (tagName: string, text: string, id?: string) => ({ type: 'element' as const, tagName, properties: id ? { id } : {}, children: [{ type: 'text' as const, value: text }] })
    const tree: Root = { type: 'root', children: [heading('h1', 'Title'), heading('h2', '查看 进程'), heading('h3', 'Les PID', 'user-content-pid'), heading('h2', '查看 进程'), heading('h4', 'deep')] }
    expect(outlineHeadings(tree)).toEqual([
      { depth: 2, id: '查看-进程', text: '查看 进程' },
      { depth: 3, id: 'user-content-pid', text: 'Les PID' },
      { depth: 2, id: '查看-进程-1', text: '查看 进程' },
    ])
  })

  it('lists every page in sitemap.xml, translations as xhtml:link alternates', () => {
    const xml = sitemapXml(new Map([['en', [lesson('a', ['en', 'fr'])]], ['fr', [lesson('a', ['en', 'fr'])]]]), { basePath: '/docs/', siteUrl: 'https://example.org' })
    expect(xml).toContain('<loc>https://example.org/docs/</loc>')
    expect(xml).toContain('<loc>https://example.org/docs/fr/a/</loc>')
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="en" href="https://example.org/docs/en/a/"/>')
    expect(xml.match(/<url>/g)).toHaveLength(5)
  })
})
