// UI strings: one flat JSON catalog per locale (`templates/i18n/<locale>.json`), looked up
// through a fallback chain (`zh-CN` → `zh` → `en`), so a partial translation still renders.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Translate } from './types.js'

/** The locale every other one falls back to; its catalog holds every key. */
export const defaultLocale = 'en'

/** Flat dotted key → string. */
export type Catalog = Readonly<Record<string, string>>

/** Locale → catalog. */
export type Catalogs = ReadonlyMap<string, Catalog>

/** Read every `<dir>/i18n/<locale>.json`. */
export async function loadCatalogs(templatesDir: string): Promise<Catalogs> {
  const dir = join(templatesDir, 'i18n')
  const catalogs = new Map<string, Catalog>()
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith('.json')) continue
    const path = join(dir, name)
    catalogs.set(name.slice(0, -'.json'.length), parseCatalog(await readFile(path, 'utf8'), path))
  }
  if (!catalogs.has(defaultLocale)) throw new Error(`Unexpected missing ${join(dir, defaultLocale + '.json')}, expected the default UI strings`)
  return catalogs
}

/** Check a catalog is a flat object of strings (a nested one is a typo, not a feature). */
export function parseCatalog(source: string, path: string): Catalog {
  const value: unknown = JSON.parse(source)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Unexpected ${path} content, expected an object of UI strings`)
  }
  const catalog: Record<string, string> = {}
  for (const [key, string] of Object.entries(value)) {
    if (typeof string !== 'string') throw new Error(`Unexpected non-string value for \`${key}\` in ${path}, expected a string`)
    catalog[key] = string
  }
  return catalog
}

/** `zh-CN` → [`zh-CN`, `zh`, `en`]: the locales to look a key up in, most specific first. */
export function fallbackChain(locale: string): string[] {
  const chain = [locale]
  const language = locale.split('-')[0]
  if (language && language !== locale) chain.push(language)
  if (!chain.includes(defaultLocale)) chain.push(defaultLocale)
  return chain
}

/** A translator for `locale`; a key missing from every catalog of the chain is a bug, so it throws. */
export function createTranslator(locale: string, catalogs: Catalogs): Translate {
  const chain = fallbackChain(locale)
    .map((name) => catalogs.get(name))
    .filter((catalog): catalog is Catalog => catalog !== undefined)
  return (key, params) => {
    for (const catalog of chain) {
      const template = Object.hasOwn(catalog, key) ? catalog[key] : undefined
      if (template !== undefined) return interpolate(template, params)
    }
    throw new Error(`Unexpected missing UI string \`${key}\` for locale \`${locale}\`, expected it in ${defaultLocale}.json`)
  }
}

function interpolate(template: string, params: Record<string, string | number> | undefined): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole))
}

/** `key.one` or `key.other`, chosen by the locale's plural rules, with `{count}` filled. */
export function plural(t: Translate, locale: string, key: string, count: number): string {
  const category = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other'
  return t(`${key}.${category}`, { count })
}
