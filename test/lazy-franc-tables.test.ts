// The bundle builds franc-min's trigram tables on first use (scripts/lazy-franc-tables.js): the
// same franc, with its tables made lazily, gives the same scores as the package on every piece
// of prose the committed lessons and the check fixtures hold, for every choice of languages used.
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { francAll } from 'franc-min'
import { beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: a build script, plain JavaScript
import { lazyFrancTables } from '../scripts/lazy-franc-tables.js'

const root = path.resolve(import.meta.dirname, '..')
const francDir = path.dirname(createRequire(import.meta.url).resolve('franc-min'))
type FrancAll = typeof francAll
let lazyFrancAll: FrancAll

/** franc-min's index.js made lazy, written to a temporary file whose imports point back at the package. */
beforeAll(async () => {
  const code = (lazyFrancTables(readFileSync(path.join(francDir, 'index.js'), 'utf8')) as string)
    .replace(/from '\.\/(\w+\.js)'/g, (_, file: string) => `from ${JSON.stringify(pathToFileURL(path.join(francDir, file)).href)}`)
    .replace(/from 'trigram-utils'/, `from ${JSON.stringify(pathToFileURL(createRequire(path.join(francDir, 'index.js')).resolve('trigram-utils')).href)}`)
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'shellbook-franc-')), 'index.mjs')
  await writeFile(file, code)
  lazyFrancAll = ((await import(pathToFileURL(file).href)) as { francAll: FrancAll }).francAll
})

/** Every paragraph of every Markdown file under `dir`. */
function paragraphs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .flatMap((name) => readFileSync(path.join(dir, name), 'utf8').split(/\n\s*\n/))
    .filter((text) => text.trim().length > 0)
}

const choices = [
  undefined,
  { only: ['fra', 'eng'], minLength: 0 },
  { only: ['eng', 'fra', 'deu', 'spa', 'por', 'ita', 'nld', 'tur', 'pol', 'rus', 'ukr', 'jpn', 'kor', 'ind', 'vie', 'ces', 'swe'], minLength: 10 },
]

describe('franc with lazily built tables', () => {
  const texts = [...paragraphs(path.join(root, 'lessons')), ...paragraphs(path.join(root, 'test/fixtures/check')), ...paragraphs(path.join(root, 'test/fixtures/check-lessons'))]

  it('has prose to compare', () => expect(texts.length).toBeGreaterThan(100))

  it('scores every paragraph as franc-min does', () => {
    for (const options of choices) {
      for (const text of texts) expect(lazyFrancAll(text, options), text).toEqual(francAll(text, options))
    }
  })

  it('refuses a franc-min that builds its tables some other way', () => {
    expect(() => lazyFrancTables('const numericData = {}\n')).toThrow(/update it/)
  })
})
