// The translator's workflow, through the CLI as a user runs it: build with the engine,
// lose the engine, edit prose (rebuilds with no execution), edit a command (fails at its
// position, captures untouched), then --refresh with the engine (new captures).
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/report.js'
import { skipWithoutEngine } from './engine-required.js'

const root = path.resolve(import.meta.dirname, '../..')
const noEngine = { DOCKER_HOST: 'unix:///nonexistent.sock' }

let lessons: string
let zh: string
let captures: string

function shellbook(out: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/shellbook.js', 'build', '--lessons', lessons, '--out', out, '--pull', 'never', ...args], { cwd: root, env: { ...process.env, ...env } }, (error, _stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr })
    })
  })
}

const report = async (out: string) => JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as Report
const newOut = () => mkdtemp(path.join(tmpdir(), 'shellbook-frozen-out-'))

describe.skipIf(skipWithoutEngine)('frozen captures: the translator workflow', () => {
  let first: string
  let firstCaptures: string

  beforeAll(async () => {
    lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-frozen-'))
    await cp(path.join(root, 'lessons/container-namespaces'), path.join(lessons, 'container-namespaces'), { recursive: true })
    zh = path.join(lessons, 'container-namespaces/zh.md')
    captures = path.join(lessons, 'container-namespaces/captures.json')
    await rm(captures, { force: true })
    first = await newOut()
    const result = await shellbook(first, [])
    expect(result.code, result.stderr).toBe(0)
    firstCaptures = await readFile(captures, 'utf8')
  }, 120_000)

  it('the first build executes once for zh, fr and en, and writes captures.json', async () => {
    const built = await report(first)
    expect(built.lessons.map((lesson) => `${lesson.locale} ${lesson.captures}`).sort()).toEqual(['en executed', 'fr executed', 'zh executed'])
    const document = JSON.parse(firstCaptures) as { executions: Array<{ cells: Array<{ command: string }> }> }
    expect(document.executions).toHaveLength(1)
    expect(document.executions[0]!.cells.map((cell) => cell.command)).toContain('ps -aux')
  })

  it('with no engine, a prose edit in zh.md rebuilds with no execution and shows the new prose', async () => {
    await writeFile(zh, (await readFile(zh, 'utf8')).replace('3. 查看进程树', '3. 查看进程树（由译者修改）'))
    const out = await newOut()
    const result = await shellbook(out, [], noEngine)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).not.toContain('▶') // no lesson started
    expect(result.stderr).toMatch(/❄ container-namespaces \(zh, en, fr\): frozen captures/)
    expect(await readFile(path.join(out, 'site/zh/container-namespaces/index.html'), 'utf8')).toContain('查看进程树（由译者修改）')
    // The other locales' pages are the first build's, byte for byte.
    for (const file of ['site/fr/container-namespaces/index.html', 'md/en/container-namespaces.md']) {
      expect(await readFile(path.join(out, file), 'utf8')).toBe(await readFile(path.join(first, file), 'utf8'))
    }
    expect(await readFile(captures, 'utf8')).toBe(firstCaptures)
  })

  it('with no engine, a command edit fails at its position and leaves captures.json as it was', async () => {
    await writeFile(zh, (await readFile(zh, 'utf8')).replace('$ ps -aux', '$ ps aux'))
    const result = await shellbook(await newOut(), [], noEngine)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /container-namespaces\/zh\.md\n12:3-12:9 +error +Lesson needs execution: command `ps aux` changed since the captures of \d{4}-\d\d-\d\d \d\d:\d\d UTC, but no Docker engine answers at unix:\/\/\/nonexistent\.sock/,
    )
    // The translations still run `ps -aux`: reported with both positions, still built from their captures.
    expect(result.stderr).toMatch(/container-namespaces\/fr\.md\n12:3-12:10 +warning +Unexpected command `ps -aux` in a translation, expected `ps aux` as in the source zh\.md:12:3 +translation-diverges/)
    expect(await readFile(captures, 'utf8')).toBe(firstCaptures)
  })

  it('--refresh with the engine executes again and writes new captures', async () => {
    const out = await newOut()
    const result = await shellbook(out, ['--refresh'])
    expect(result.code, result.stderr).toBe(0)
    const after = await readFile(captures, 'utf8')
    expect(after).not.toBe(firstCaptures)
    const document = JSON.parse(after) as { executions: Array<{ cells: Array<{ command: string }> }> }
    // zh now runs `ps aux`; fr and en still run `ps -aux`: two executions, both fresh.
    expect(document.executions.map((execution) => execution.cells[1]!.command).sort()).toEqual(['ps -aux', 'ps aux'])
    expect((await report(out)).lessons.every((lesson) => lesson.captures === 'executed')).toBe(true)
  })
})
