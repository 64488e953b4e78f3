// One build at a time per lessons folder (`<lessonsDir>/.shellbook.lock`): a second build
// waits for the first, fails with `lessons-locked` past its bound, and takes over the lock
// of a build that is gone. The lessons are the committed, frozen ones: no Docker involved.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildOptions } from '../src/build.js'
import type { LockHolder } from '../src/files/index.js'
import { LOCK_FILE, lockLessons } from '../src/lessons-lock.js'

const root = path.resolve(import.meta.dirname, '..')
const noEngine = 'unix:///nonexistent.sock'
let previousHost: string | undefined

beforeAll(() => {
  previousHost = process.env['DOCKER_HOST']
  process.env['DOCKER_HOST'] = noEngine
})
afterAll(() => {
  if (previousHost === undefined) delete process.env['DOCKER_HOST']
  else process.env['DOCKER_HOST'] = previousHost
})

async function copyLessons(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-lock-'))
  await cp(path.join(root, 'lessons'), dir, { recursive: true })
  return dir
}

async function frozenBuild(lessonsDir: string, options: BuildOptions = {}) {
  const outDir = await mkdtemp(path.join(tmpdir(), 'shellbook-lock-out-'))
  return build({ lessonsDir, outDir, templatesDir: path.join(root, 'templates'), imagesDir: path.join(root, 'images'), pull: false, ...options })
}

const rulesOf = (result: Awaited<ReturnType<typeof build>>) => result.files.flatMap((file) => file.messages.map((message) => `${message.ruleId} ${message.reason}`))

/** The compiled CLI (the verify step compiles first); resolves once `until` shows on stderr, and at the end. */
function cli(args: string[]): { child: ChildProcess; stderr: () => string; seen: (text: string) => Promise<void>; done: Promise<number | null> } {
  const child = spawn('node', ['bin/shellbook.js', ...args], { cwd: root, env: { ...process.env, DOCKER_HOST: noEngine } })
  let stderr = ''
  const waiting: Array<{ text: string; resolve: () => void }> = []
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    for (const wait of waiting.filter((entry) => stderr.includes(entry.text))) wait.resolve()
  })
  const done = new Promise<number | null>((resolve) => child.on('close', resolve))
  const seen = (text: string) => new Promise<void>((resolve, reject) => {
    if (stderr.includes(text)) return resolve()
    waiting.push({ text, resolve })
    void done.then(() => reject(new Error(`ended before ${JSON.stringify(text)}:\n${stderr}`)))
  })
  return { child, stderr: () => stderr, seen, done }
}

describe('the lock of a lessons folder', () => {
  it('makes a second build wait for the first, then succeed, and leave the folder unlocked', async () => {
    const lessonsDir = await copyLessons()
    // The first build's lock, held here so that the second surely meets it (two real builds race:
    // the first may be done before the second looks).
    const first = await lockLessons(lessonsDir, { waitMs: 0 })
    if (!('release' in first)) throw new Error('the lock was not taken')
    const waits: LockHolder[] = []
    const second = await frozenBuild(lessonsDir, {
      onLockWait: (holder) => {
        waits.push(holder)
        first.release()
      },
    })
    expect(rulesOf(second)).toEqual([])
    expect(second.ok).toBe(true)
    // It waited once, for this very process (the lock's holder is this test).
    expect(waits.map((holder) => `${holder.pid} ${holder.hostname}`)).toEqual([`${process.pid} ${hostname()}`])
    expect(existsSync(path.join(lessonsDir, LOCK_FILE))).toBe(false)
  })

  it('runs two builds started at once to success, one after the other, and leaves the folder unlocked', async () => {
    const lessonsDir = await copyLessons()
    const [first, second] = await Promise.all([frozenBuild(lessonsDir), frozenBuild(lessonsDir)])
    expect([rulesOf(first), rulesOf(second)]).toEqual([[], []])
    expect([first.ok, second.ok]).toEqual([true, true])
    expect(existsSync(path.join(lessonsDir, LOCK_FILE))).toBe(false)
  })

  it('fails with lessons-locked past its wait bound, writing nothing', async () => {
    const lessonsDir = await copyLessons()
    const held = await lockLessons(lessonsDir, { waitMs: 0 })
    if (!('release' in held)) throw new Error('the lock was not taken')
    try {
      const started = Date.now()
      const result = await frozenBuild(lessonsDir, { waitLockMs: 300 })
      expect(Date.now() - started).toBeGreaterThanOrEqual(250)
      expect(result.ok).toBe(false)
      expect(rulesOf(result)).toEqual([
        expect.stringMatching(new RegExp(`^lessons-locked Unexpected lock of .+/ still held after 0\\.3 s by the build of pid ${process.pid} \\(started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\), expected that build to finish; wait longer \\(--wait-lock <seconds>\\), or remove .+\\.shellbook\\.lock if no such build runs$`)),
      ])
      expect(result.files[0]!.path).toMatch(/\.shellbook\.lock$/)
      expect(existsSync(path.join(result.outDir, 'report.json'))).toBe(false)
    } finally {
      held.release()
    }
    expect(existsSync(path.join(lessonsDir, LOCK_FILE))).toBe(false)
  })

  it('takes over the lock of a build that is gone (a pid that does not exist)', async () => {
    const lessonsDir = await copyLessons()
    const lock = path.join(lessonsDir, LOCK_FILE)
    // pid_max is at most 2^22 on Linux: this pid cannot exist.
    const gone = { pid: 2 ** 22 + 1, hostname: hostname(), owner: `${hostname()}:${2 ** 22 + 1}:12345`, startedAt: '2026-01-01T00:00:00.000Z', token: 'dead' }
    await writeFile(lock, JSON.stringify(gone))
    const waits: LockHolder[] = []
    const result = await frozenBuild(lessonsDir, { waitLockMs: 0, onLockWait: (holder) => waits.push(holder) })
    expect(rulesOf(result)).toEqual([])
    expect(result.ok).toBe(true)
    expect(waits).toEqual([])
    expect(existsSync(lock)).toBe(false)
  })

  it('the CLI waits with a progress line, builds once the lock is free, and exits 0', async () => {
    const lessonsDir = await copyLessons()
    const held = await lockLessons(lessonsDir, { waitMs: 0 })
    if (!('release' in held)) throw new Error('the lock was not taken')
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-lock-out-'))
    const run = cli(['build', '--lessons', lessonsDir, '--out', out, '--pull', 'never', '--wait-lock', '60'])
    try {
      await run.seen(`waiting for the build of pid ${process.pid} (started `)
      expect(run.stderr()).toContain(`to finish with ${lessonsDir}/ (up to 60 s, --wait-lock)`)
      expect(existsSync(path.join(out, 'report.json'))).toBe(false)
    } finally {
      held.release()
    }
    expect(await run.done, run.stderr()).toBe(0)
    expect(run.stderr()).toMatch(/built 6 lesson page\(s\) into /)
    expect(existsSync(path.join(lessonsDir, LOCK_FILE))).toBe(false)
  }, 30_000)

  it('the CLI exits 1 with a lessons-locked message past --wait-lock, and 130 when interrupted while waiting', async () => {
    const lessonsDir = await copyLessons()
    const held = await lockLessons(lessonsDir, { waitMs: 0 })
    if (!('release' in held)) throw new Error('the lock was not taken')
    try {
      const bounded = cli(['build', '--lessons', lessonsDir, '--out', await mkdtemp(path.join(tmpdir(), 'shellbook-lock-out-')), '--wait-lock', '0.5'])
      expect(await bounded.done).toBe(1)
      expect(bounded.stderr()).toMatch(/\.shellbook\.lock\n +error +Unexpected lock of .+\/ still held after 0\.5 s by the build of pid \d+ .* +lessons-locked/)
      const interrupted = cli(['build', '--lessons', lessonsDir, '--out', await mkdtemp(path.join(tmpdir(), 'shellbook-lock-out-'))])
      await interrupted.seen('waiting for the build of pid')
      interrupted.child.kill('SIGTERM')
      expect(await interrupted.done).toBe(130)
      expect(interrupted.stderr()).toMatch(/Unexpected interruption while waiting for the build of pid \d+/)
      // Neither touched the lock they never held.
      expect(JSON.parse(await readFile(path.join(lessonsDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid })
    } finally {
      held.release()
    }
  }, 30_000)

  it('takes over the lock of a build killed with SIGKILL', async () => {
    const lessonsDir = await copyLessons()
    // A process that takes the lock as a build does, then is killed before it can release it.
    const script = `import('${path.join(root, 'dist/lessons-lock.js')}').then((m) => m.lockLessons(process.argv[1], { waitMs: 0 })).then((lock) => { console.error('release' in lock ? 'held' : 'busy'); setInterval(() => {}, 1000) })`
    const holder = spawn('node', ['-e', script, lessonsDir], { stdio: ['ignore', 'ignore', 'pipe'] })
    await new Promise<void>((resolve) => holder.stderr.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve()))
    holder.kill('SIGKILL')
    await new Promise((resolve) => holder.on('close', resolve))
    expect(JSON.parse(await readFile(path.join(lessonsDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: holder.pid })
    const result = await frozenBuild(lessonsDir, { waitLockMs: 0 })
    expect(rulesOf(result)).toEqual([])
    expect(existsSync(path.join(lessonsDir, LOCK_FILE))).toBe(false)
  }, 30_000)
})
