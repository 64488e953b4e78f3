// One lesson folder per failure class the fuzzer found (test/fixtures/fuzz/, README there): each
// must be checked (report included) and built with no engine, without a crash, each within 5 s,
// with at least one positioned message (a line, unless the file it names has no content: a folder,
// a missing lesson.yaml), and with a plan build could run. Folders a checkout cannot hold (links,
// folders, huge files, odd names) come from a make.ts.
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { classify } from './fuzz/classify.js'
import { CheckPool } from './fuzz/pool.js'

const fixtures = path.join(import.meta.dirname, 'fixtures/fuzz')
const names = readdirSync(fixtures, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
const slowMs = 5_000
// Check and build, each within slowMs: a job is terminated at twice their sum.
const pool = new CheckPool(2, 4 * slowMs, slowMs)

async function lessonsDirOf(name: string): Promise<string> {
  const committed = path.join(fixtures, name, 'lessons')
  if (existsSync(committed)) return committed
  const { make } = (await import(path.join(fixtures, name, 'make.ts'))) as { make: (lessonsDir: string) => Promise<void> }
  const lessonsDir = path.join(await mkdtemp(path.join(tmpdir(), `shellbook-fuzz-fixture-${name}-`)), 'lessons')
  await make(lessonsDir)
  return lessonsDir
}

/** What is wrong with the check of one fixture, in words; empty when nothing is. */
async function problemsOf(name: string): Promise<string[]> {
  const lessonsDir = await lessonsDirOf(name)
  const raw = await pool.check(lessonsDir)
  const outcome = classify(raw, slowMs, [])
  const where = `(input: ${lessonsDir})`
  if (outcome.kind === 'crash') return [`crash: ${outcome.detail} at ${outcome.distFrame ?? outcome.frame ?? '?'} ${where}`]
  if (outcome.kind === 'slow') return [`slow: ${outcome.detail} ${where}`]
  // A bad plan is listed below with the others of its lesson.
  const problems = outcome.kind === 'unpositioned' ? [`unpositioned: ${outcome.detail} ${where}`] : []
  if (raw.type !== 'resolved') return problems
  const positioned = raw.files.filter((file) => file.path !== null).flatMap((file) => file.messages.filter((message) => message.line !== null || !file.hasContent))
  if (positioned.length === 0) problems.push(`no positioned message ${where}`)
  return [...problems, ...raw.plan.map((problem) => `bad plan: ${problem}`)]
}

describe('lesson folders the fuzzer broke check with', () => {
  afterAll(() => pool.close())

  for (const name of names) {
    it(`checks ${name}`, async () => {
      expect(await problemsOf(name)).toEqual([])
    })
  }
})
