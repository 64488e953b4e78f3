// Lint rules of `shellbook check`, fixture-driven: test/fixtures/check/<rule>-<case>/ holds one
// lesson file named after its locale (`fr.md`, `zh.md`, `en.md`) and messages.json, the messages
// of rule <rule> (the folder name up to `-ok` / `-not-ok`, or up to a locale in between) that
// lintLesson puts on it. Regenerate with `npx vitest run test/check-rules.test.ts --update` (with `-u` first, vitest 4 reads the path as its value and runs every test).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { lintLesson } from '../src/check/index.js'
import { parseLesson } from '../src/parse/index.js'

const root = path.join(import.meta.dirname, '..')
const fixturesDir = path.join(import.meta.dirname, 'fixtures', 'check')
const cases = readdirSync(fixturesDir)
const rules = ['untranslated-prose', 'glued-marker', 'typed-prompt']

type VFileMessage = VFile['messages'][number]

/** Parse and lint one lesson file; its messages are on the returned file. */
async function lint(filePath: string, locale: string): Promise<VFile> {
  const file = new VFile({ path: path.relative(root, filePath), value: readFileSync(filePath, 'utf8') })
  lintLesson(await parseLesson(file), file, locale)
  return file
}

/** `line:column-line:column` of a message. */
function place(message: VFileMessage): string {
  const { start, end } = message.place && 'start' in message.place ? message.place : { start: message.place, end: message.place }
  return `${start?.line}:${start?.column}-${end?.line}:${end?.column}`
}

/** The source text a message points at. */
function pointedText(file: VFile, message: VFileMessage): string {
  const position = message.place && 'start' in message.place ? message.place : undefined
  return String(file.value).slice(position?.start.offset, position?.end.offset)
}

describe('check rules fixtures', () => {
  it('has an ok and a not-ok fixture per rule', () => {
    for (const rule of rules) expect(cases).toEqual(expect.arrayContaining([`${rule}-ok`, `${rule}-not-ok`]))
  })

  for (const name of cases) {
    it(name, async () => {
      const rule = rules.find((candidate) => name.startsWith(`${candidate}-`))
      const locale = readdirSync(path.join(fixturesDir, name)).map((entry) => /^(fr|zh|en)\.md$/.exec(entry)?.[1]).find(Boolean)
      expect(rule, 'fixture named after its rule').toBeDefined()
      expect(locale, 'fixture holding fr.md, zh.md or en.md').toBeDefined()
      const file = await lint(path.join(fixturesDir, name, `${locale}.md`), locale!)
      const found = file.messages.filter((message) => message.ruleId === rule)
      if (name.endsWith('-not-ok')) expect(found.length).toBeGreaterThan(0)
      else expect(found.map(String)).toEqual([])
      expect(found.every((message) => message.source === 'shellbook' && !message.fatal), 'warnings from shellbook').toBe(true)
      const messages = found.map((message) => ({ place: place(message), ruleId: message.ruleId, text: pointedText(file, message), reason: message.reason }))
      await expect(JSON.stringify(messages, null, 2) + '\n').toMatchFileSnapshot(path.join(fixturesDir, name, 'messages.json'))
    })
  }
})

describe('check rules on real lessons', () => {
  it('finds the English left in seed 000 (French Katacoda lesson)', async () => {
    const file = await lint(path.join(import.meta.dirname, 'fixtures', 'seed-000-katacoda', 'input.md'), 'fr')
    const found = file.messages.filter((message) => message.ruleId === 'untranslated-prose')
    expect(found.map((message) => [place(message), pointedText(file, message)])).toEqual([
      ['11:59-11:99', 'to find the parent process. Likely to be'],
      ['14:1-14:32', 'install pstree on ubuntu debain'],
      ['21:4-21:21', 'Process Directory'],
    ])
    expect(found[0]!.reason).toBe('Unexpected English prose in a `fr` lesson, expected French (untranslated?)')
    const glued = file.messages.filter((message) => message.ruleId === 'glued-marker')
    expect(glued.map((message) => [place(message), pointedText(file, message)])).toEqual([['11:48-11:59', '{{execute}}']])
  })

  const lessons = readdirSync(path.join(root, 'lessons')).flatMap((slug) =>
    ['fr', 'zh', 'en'].map((locale) => ({ locale, filePath: path.join(root, 'lessons', slug, `${locale}.md`) })).filter(({ filePath }) => existsSync(filePath)))

  it('has lessons to check', () => expect(lessons.length).toBeGreaterThan(1))

  for (const { locale, filePath } of lessons) {
    it(`finds no untranslated prose in ${path.relative(root, filePath)}`, async () => {
      const file = await lint(filePath, locale)
      expect(file.messages.filter((message) => message.ruleId === 'untranslated-prose').map(String)).toEqual([])
    })
  }
})
