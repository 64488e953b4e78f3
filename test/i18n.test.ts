// UI strings: every locale has exactly the keys of en.json (with the same placeholders),
// every key used by a template or by the render code exists, and templates hold no text.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTranslator, fallbackChain, loadCatalogs, type Catalog } from '../src/render/index.js'

const templatesDir = path.join(import.meta.dirname, '..', 'templates')
const renderDir = path.join(import.meta.dirname, '..', 'src', 'render')
const catalogs = await loadCatalogs(templatesDir)
const en = catalogs.get('en')!

const templateFiles = ['layout.hbs', 'lesson.hbs', 'index.hbs', 'root.hbs', 'notFound.hbs', ...readdirSync(path.join(templatesDir, 'partials')).map((name) => `partials/${name}`)]
const templates = templateFiles.map((name) => ({ name, source: readFileSync(path.join(templatesDir, name), 'utf8') }))
// Every file of the render stage, its sub-folders (terminal-screen/) included.
const code = readdirSync(renderDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(path.join(renderDir, name), 'utf8')).join('\n')

const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

describe('catalogs', () => {
  it('has en, fr and zh', () => expect([...catalogs.keys()].sort()).toEqual(['en', 'fr', 'zh']))

  for (const [locale, catalog] of catalogs) {
    it(`${locale} has exactly the keys of en, with the same placeholders, none empty`, () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort())
      for (const [key, value] of Object.entries(catalog)) {
        expect(value.trim(), key).not.toBe('')
        expect(placeholders(value), key).toEqual(placeholders(en[key]!))
      }
    })
  }

  it('translates fr and zh for real (not copies of en, brand names aside)', () => {
    const same = (catalog: Catalog) => Object.keys(en).filter((key) => catalog[key] === en[key])
    for (const locale of ['fr', 'zh']) expect(same(catalogs.get(locale)!).filter((key) => !['site.name', 'page.title', 'lesson.terminal', 'block.terminal', 'provenance.images'].includes(key))).toEqual([])
  })
})

describe('keys in use', () => {
  const templateKeys = templates.flatMap(({ source }) => [...source.matchAll(/\{\{t\s+"([^"]+)"/g)].map((match) => match[1]!))
  const codeKeys = [...code.matchAll(/\bt\('([\w.]+)'/g)].map((match) => match[1]!)
  // Keys built at run time: `provenance.host.${kind}`, plural(…, 'root.lessonCount', …), plural(…, 'output.linesCut', …).
  const dynamicPrefixes = [...code.matchAll(/\bt\(`([\w.]+)\.\$\{/g), ...code.matchAll(/plural\((?!t:)[^']*'([\w.]+)'/g)].map((match) => `${match[1]}.`)

  it('finds keys in templates and code', () => {
    expect(templateKeys.length).toBeGreaterThan(5)
    expect(codeKeys.length).toBeGreaterThan(5)
    expect(dynamicPrefixes.sort()).toEqual(['output.linesCut.', 'provenance.host.', 'root.lessonCount.'])
  })

  it('every key a template or the code uses exists in en.json', () => {
    expect([...templateKeys, ...codeKeys].filter((key) => !Object.hasOwn(en, key))).toEqual([])
  })

  it('every key of en.json is used', () => {
    const used = new Set([...templateKeys, ...codeKeys, 'locale.name'])
    expect(Object.keys(en).filter((key) => !used.has(key) && !dynamicPrefixes.some((prefix) => key.startsWith(prefix)))).toEqual([])
  })
})

describe('templates', () => {
  for (const { name, source } of templates) {
    it(`${name} holds no literal UI text`, () => {
      const text = source
        .replace(/\{\{[^}]*\}\}\}?/g, '')
        .replace(/<[^>]*>/g, '')
      expect(text.match(/\p{L}[\p{L}\s]*/gu) ?? []).toEqual([])
      // Attributes people read (title, aria-label, alt, placeholder) come from {{t}} too.
      const readable = [...source.matchAll(/\b(?:title|aria-label|alt|placeholder)="(\{\{[^}]*\}\}|[^"]*)"/g)].map((match) => match[1]!)
      expect(readable.filter((value) => !/^\{\{[^}]+\}\}$/.test(value))).toEqual([])
    })
  }
})

describe('translator', () => {
  it('falls back zh-CN → zh → en', () => {
    expect(fallbackChain('zh-CN')).toEqual(['zh-CN', 'zh', 'en'])
    expect(fallbackChain('en')).toEqual(['en'])
    const partial = new Map<string, Catalog>([...catalogs, ['zh-CN', { 'cell.copy': '拷贝' }]])
    const t = createTranslator('zh-CN', partial)
    expect(t('cell.copy')).toBe('拷贝')
    expect(t('cell.copied')).toBe('已复制')
    const fr = createTranslator('fr', new Map([['en', en], ['fr', { 'cell.copy': 'Copier' }]]))
    expect(fr('cell.copied')).toBe('Copied')
  })

  it('fills placeholders and refuses unknown keys', () => {
    const t = createTranslator('fr', catalogs)
    expect(t('cell.exitStatus', { actual: 1, expected: 0 })).toBe('Code de sortie 1, 0 attendu')
    expect(() => t('no.such.key')).toThrow(/missing UI string `no.such.key`/)
  })
})
