// A folder of Markdown with neither index.json nor `<locale>.md` files (`README.md`,
// `01-intro.md`, `02-run.md`): its files, in natural order, make one page, and
// `<name>.<locale>.md` beside them are its translations. Dropping a lesson into `lessons/` just works.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { VFile } from 'vfile'
import { displayPath } from '../../files/index.js'
import { guessLocale } from '../guess-locale.js'
import { CompositeBuilder } from './composite.js'
import type { LoadedScenario } from './load-scenario.js'
import { readIfPresent, translatedName, translationSuffix } from './scenario-files.js'

export async function loadLooseFolder(dir: string, source: string | undefined): Promise<LoadedScenario | undefined> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  const originalNames = names.filter((name) => !translationSuffix.test(name))
  const originals = (await Promise.all(originalNames.map((name) => readIfPresent(path.join(dir, name))))).filter((file): file is VFile => file !== undefined)
  if (originals.length === 0) return undefined
  const files = [...originals]
  const sourceLocale = source ?? guessLocale(originals.map((file) => String(file.value)).join('\n'))
  const locales = new Set([sourceLocale])
  for (const name of names) {
    const match = translationSuffix.exec(name)
    if (match && originalNames.includes(name.slice(0, name.length - match[0].length) + '.md')) locales.add(match[1]!)
  }
  const composites = new Map<string, VFile>()
  for (const locale of locales) {
    const builder = new CompositeBuilder()
    for (const original of originals) {
      const translated = locale === sourceLocale ? original : await readIfPresent(translatedName(path.resolve(original.path), locale))
      if (translated && translated !== original) files.push(translated)
      // Blank lines between files keep one file's last paragraph from running into the next.
      if (builder.nextLine > 1) builder.addWritten([''], original, { line: 1, column: 1 })
      builder.addFile(translated ?? original)
    }
    composites.set(locale, builder.build(displayPath(path.join(dir, `${locale}.page.md`))))
  }
  return { composites, sourceLocale, files }
}
