// The `shellbook` command as a user runs it: positioned messages, exit codes, and what is
// (and is not) written, for bad input, a missing engine, a missing image and a failing cell.
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/report.js'
import { skipWithoutEngine } from './engine-required.js'

const root = path.resolve(import.meta.dirname, '../..')
const lessons = path.join(root, 'test/fixtures/cli-lessons')

interface CliResult {
  code: number
  stderr: string
  out: string
}

/** Run the compiled CLI (npm test compiles first) from the repository root. */
async function shellbook(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const out = await mkdtemp(path.join(tmpdir(), 'shellbook-cli-'))
  return shellbookIn(out, args, env)
}

/** Lessons that succeed write captures.json beside them: run those from a copy, never in the repository. */
async function copyLessons(from: string, slugs: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-lessons-'))
  for (const slug of slugs) await cp(path.join(from, slug), path.join(dir, slug), { recursive: true })
  return dir
}

function shellbookIn(out: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    // --pull never: tests talk to the local engine only, never make it reach a registry.
    execFile('node', ['bin/shellbook.js', ...args, '--pull', 'never', '--out', out], { cwd: root, env: { ...process.env, ...env } }, (error, _stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr, out })
    })
  })
}

describe('shellbook build: bad input, no engine needed', () => {
  it('reports every problem of a lesson at its file:line:column and exits 1', async () => {
    const result = await shellbook(['build', 'broken', 'unsound', '--lessons', lessons], { DOCKER_HOST: 'unix:///nonexistent.sock' })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('test/fixtures/cli-lessons/broken/lesson.yaml')
    expect(result.stderr).toMatch(/2:9 +error +Unexpected value for `images`.*invalid-lesson-config/)
    expect(result.stderr).toMatch(/4:1 +error +Unexpected key `bogus`/)
    expect(result.stderr).toContain('test/fixtures/cli-lessons/unsound/en.md')
    expect(result.stderr).toMatch(/3:13-3:15 +error +Unexpected container `web` in `in=web`.*unknown-container/)
    expect(result.stderr).toMatch(/7:16-7:22 +error +Unexpected placeholder `<ppid>` with no variable.*unbound-placeholder/)
    expect(result.stderr).toMatch(/9:1 +error +Unexpected end of file inside the code block opened here.*unclosed-fence/)
    expect(result.stderr).toMatch(/unsound\/lesson\.yaml\n3:3 +error +Unexpected `waits` entry for `echo never`.*unknown-wait/)
    // Lessons with bad input never reach the engine, so no engine message.
    expect(result.stderr).not.toContain('engine-unreachable')
  })

  it('names an unknown lesson and the ones it knows', async () => {
    const result = await shellbook(['build', 'nope', '--lessons', lessons])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/Unexpected lesson `nope`, expected one of `badsetup`, `broken`, `failing`/)
  })

  it('with no engine and no captures, says where the lesson needs execution, and keeps pages already rendered', async () => {
    const copy = await copyLessons(path.join(root, 'lessons'), ['container-processes'])
    await rm(path.join(copy, 'container-processes/captures.json'), { force: true })
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-cli-'))
    const page = path.join(out, 'site/fr/container-processes/index.html')
    await mkdir(path.dirname(page), { recursive: true })
    await writeFile(page, 'rendered earlier with real output')
    const result = await shellbookIn(out, ['build', '--lessons', copy], { DOCKER_HOST: 'unix:///nonexistent.sock' })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /container-processes\/fr\.md\n3:2-3:38 +error +Lesson needs execution: no captures yet, but no Docker engine answers at unix:\/\/\/nonexistent\.sock; start a Docker engine, or run `shellbook build --refresh` on a machine that has one +needs-execution/,
    )
    expect(await readFile(page, 'utf8')).toBe('rendered earlier with real output')
    expect(existsSync(path.join(copy, 'container-processes/captures.json'))).toBe(false)
  })
})

describe.skipIf(skipWithoutEngine)('shellbook build: on the engine', () => {
  it('fails on an unexpected exit status with the cell position and output tail, and renders what ran', async () => {
    const result = await shellbook(['build', 'failing', '--lessons', lessons])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/failing\/en\.md\n5:3-5:11 +error +Unexpected exit status 2 from `ls \/nope`, expected 0/)
    expect(result.stderr).toMatch(/│ ls: cannot access '\/nope': No such file or directory/)
    const report = JSON.parse(await readFile(path.join(result.out, 'report.json'), 'utf8')) as Report
    expect(report.ok).toBe(false)
    expect(report.lessons[0]!.cells.map((cell) => `${cell.line} ${cell.status} ${cell.exitCode}`)).toEqual([
      '4 ok 0', '5 failed 2', '6 skipped null', '10 skipped null',
    ])
    const html = await readFile(path.join(result.out, 'site/en/failing/index.html'), 'utf8')
    expect(html).toContain('before')
    expect(html).toContain('No such file or directory')
    expect(existsSync(path.join(result.out, 'md/en/failing.md'))).toBe(true)
  })

  it('stops a cell the lesson means to interrupt (`timeout=1 exit=130`) and goes on in the same session', async () => {
    const result = await shellbook(['build', 'follow', '--lessons', await copyLessons(lessons, ['follow'])])
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(await readFile(path.join(result.out, 'report.json'), 'utf8')) as Report
    expect(report.lessons[0]!.cells.map((cell) => `${cell.status} ${cell.exitCode} ${cell.timedOut}`)).toEqual(['ok 130 true', 'ok 0 false'])
    const markdown = await readFile(path.join(result.out, 'md/en/follow.md'), 'utf8')
    expect(markdown).toContain('tick 1')
    expect(markdown).not.toContain('tick 9')
    expect(markdown).toContain('Stopped with Ctrl-C after 1 s')
    // Same shell: the variable set before Ctrl-C is still there.
    expect(markdown).toContain('still here, X=kept')
  })

  it('gives up a terminal whose command ignores Ctrl-C, says so once at it, and runs the next cell in a new shell', async () => {
    const result = await shellbook(['build', 'stubborn', '--host', 'local', '--lessons', await copyLessons(lessons, ['stubborn'])])
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr.match(/ error /g)).toHaveLength(1)
    expect(result.stderr).toMatch(/5:2-5:\d+ +error +Unexpected `bash -c "trap '' INT; while :; do sleep 1; done"` still running after Ctrl-C/)
    const markdown = await readFile(path.join(result.out, 'md/en/stubborn.md'), 'utf8')
    expect(markdown).toContain('$ echo next\nnext\n')
  }, 60_000)

  it('fails on a setup command at its line in lesson.yaml, skips the cells, and still runs the teardown', async () => {
    const mark = '/tmp/shellbook-badsetup-teardown'
    await rm(mark, { force: true })
    // --host local: the teardown's mark must land on this machine, where the test can read it.
    const result = await shellbook(['build', 'badsetup', '--lessons', lessons, '--host', 'local'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/badsetup\/lesson\.yaml\n4:5-4:19 +error +Unexpected exit status 2 from the setup command `ls \/nope-setup` of lesson\.yaml, expected it to exit 0 +setup-failed/)
    const report = JSON.parse(await readFile(path.join(result.out, 'report.json'), 'utf8')) as Report
    expect(report.lessons[0]!.cells.map((cell) => cell.status)).toEqual(['skipped'])
    expect(await readFile(mark, 'utf8')).toBe('ran\n')
    await rm(mark, { force: true })
  })

  it('says the container of an `in=` cell is not there, instead of blaming the command', async () => {
    const result = await shellbook(['build', 'ghost', '--lessons', lessons, '--host', 'local'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/ghost\/en\.md\n6:3-6:11 +error +Unexpected missing container `ghost` for `in=ghost`, expected it running: start it earlier in the lesson .* +container-missing/)
    expect(result.stderr).toMatch(/│ Error response from daemon: No such container: ghost/)
  })

  it('reports an image that can be neither pulled nor built at its line in lesson.yaml', async () => {
    const result = await shellbook(['build', 'noimage', '--lessons', lessons])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/noimage\/lesson\.yaml\n4:5 +error +Unexpected missing image `nosuch\/thing:1\.0`, expected one the engine has or a recipe at images\/thing\/ \(pulls are off: --pull never\)/)
    expect(result.stderr.match(/pulls are off/g)).toHaveLength(1)
  })

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`stops at once on ${signal} mid-cell, reports where, and removes the lesson's containers`, async () => {
      const out = await mkdtemp(path.join(tmpdir(), 'shellbook-cli-'))
      const child = spawn('node', ['bin/shellbook.js', 'build', 'interrupted', '--lessons', lessons, '--pull', 'never', '--out', out], { cwd: root })
      let stderr = ''
      let sent = false
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        // c1 started the container; c2 is a 120 s sleep: interrupt it, once (a second one forces exit).
        if (!sent && stderr.includes('✓ interrupted c1')) sent = child.kill(signal)
      })
      const started = Date.now()
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      expect(code, stderr).toBe(130)
      // Stopped, not waited out: under the 30 s cell timeout and far under the 120 s sleep.
      expect(Date.now() - started).toBeLessThan(20_000)
      expect(stderr).toMatch(/interrupted\/en\.md\n5:3-5:12 +error +Unexpected interruption (while running|before) `sleep 120`/)
      const left = await new Promise<string>((resolve) =>
        execFile('docker', ['ps', '-a', '-q', '--filter', 'name=shellbook-interrupted'], (_error, stdout) => resolve(stdout)),
      )
      expect(left.trim()).toBe('')
    })
  }
})
