// The CLI's contract: main() resolves to an exit code and never exits the process (help and
// version 0, bad arguments 2), the version is package.json's, and `build` takes the same
// --format json and --frail as `check`. No Docker: the lessons are the committed, frozen ones.
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { main } from '../src/cli.js'

const root = path.resolve(import.meta.dirname, '..')

/** main() in this process, its output captured; a process.exit would fail the test. */
async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
  const code = await main(['node', 'shellbook', ...args])
  vi.restoreAllMocks()
  return { code, stdout, stderr }
}

function shellbook(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/shellbook.js', ...args], { cwd: root, env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock' } }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })
    })
  })
}

async function copyLessons(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-contract-'))
  await cp(path.join(root, 'lessons'), dir, { recursive: true })
  return dir
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('main() resolves with an exit code', () => {
  it('prints the version of package.json and resolves 0', async () => {
    const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string }
    expect(await inProcess(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })

  it('prints help on stdout and resolves 0 for --help, also of a command', async () => {
    const help = await inProcess(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: shellbook /)
    const build = await inProcess(['build', '--help'])
    expect(build.code).toBe(0)
    expect(build.stdout).toContain('--wait-lock <seconds>')
    expect(build.stdout).toContain('--max-lines <n>')
  })

  it('resolves 2 on bad arguments, with commander\'s message on stderr', async () => {
    for (const args of [['build', '--bogus'], ['build', '--jobs', '0'], ['build', '--max-lines', '-1'], ['build', '--max-lines', 'all'], ['check', '--format', 'yaml'], ['nope'], []]) {
      const result = await inProcess(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr, args.join(' ')).toMatch(/error: |Usage: shellbook/)
    }
    expect((await inProcess(['build', '--bogus'])).stderr).toContain("error: unknown option '--bogus'")
  })

  it('the shared options read the same in every command that takes them', async () => {
    // One entry per option, wrapping undone (each command's help aligns its own columns).
    const lineOf = (help: string, flag: string) => help.split(/\n {2}(?=-)/).map((part) => part.replace(/\s+/g, ' ').trim()).find((part) => part.startsWith(`--${flag} `))
    const helps = await Promise.all([['build'], ['hosts', 'build'], ['clean'], ['check'], ['images']].map(async (command) => (await inProcess([...command, '--help'])).stdout))
    const [build, hosts, clean, check, images] = helps as [string, string, string, string, string]
    expect(lineOf(build, 'engine')).toBeDefined()
    expect(lineOf(hosts, 'engine')).toBe(lineOf(build, 'engine'))
    expect(lineOf(clean, 'engine')).toBe(lineOf(build, 'engine'))
    expect(lineOf(check, 'lessons')).toBe(lineOf(build, 'lessons'))
    expect(lineOf(images, 'images')).toBe(lineOf(build, 'images'))
    expect(lineOf(images, 'pull')).toBe(lineOf(build, 'pull'))
    expect(lineOf(check, 'format')).toBe(lineOf(build, 'format'))
    expect(lineOf(check, 'frail')).toBe(lineOf(build, 'frail'))
  })
})

describe('shellbook build --format json and --frail', () => {
  it('prints the messages as JSON on stdout, as check does', async () => {
    const lessonsDir = await copyLessons()
    const fr = path.join(lessonsDir, 'container-processes/fr.md')
    await writeFile(fr, (await readFile(fr, 'utf8')).replace('`ls /proc`{{execute}}', '`ls -1 /proc`{{execute}}'))
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-contract-out-'))
    const result = await shellbook(['build', '--lessons', lessonsDir, '--out', out, '--format', 'json'])
    expect(result.code).toBe(1)
    const messages = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(messages.map((message) => `${path.basename(String(message['file']))} ${message['severity']} ${message['ruleId']}`).sort()).toEqual([
      'en.md warning translation-diverges', 'fr.md error needs-execution', 'zh.md warning translation-diverges',
    ])
    expect(Object.keys(messages[0]!).sort()).toEqual(['column', 'endColumn', 'endLine', 'file', 'line', 'reason', 'ruleId', 'severity', 'source'])
    // Messages on stdout only; progress and the summary stay on stderr.
    expect(result.stderr).not.toContain('needs-execution')
    expect(result.stderr).toContain('build failed')
    const clean = await shellbook(['build', '--lessons', await copyLessons(), '--out', out, '--format', 'json'])
    expect(clean.code, clean.stderr).toBe(0)
    expect(JSON.parse(clean.stdout)).toEqual([])
  })

  it('caps long outputs at --max-lines, and shows them whole with 0', async () => {
    const lessonsDir = await copyLessons()
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-contract-out-'))
    const capped = await shellbook(['build', '--lessons', lessonsDir, '--out', out, '--max-lines', '2'])
    expect(capped.code, capped.stderr).toBe(0)
    const md = await readFile(path.join(out, 'md/en/container-namespaces.md'), 'utf8')
    expect(md).toMatch(/\$ ps -aux\nUSER +PID[^\n]*\n… \d+ lines cut\nroot [^\n]*ps -aux\n```/)
    const whole = await shellbook(['build', '--lessons', lessonsDir, '--out', out, '--max-lines', '0'])
    expect(whole.code, whole.stderr).toBe(0)
    expect(await readFile(path.join(out, 'md/en/container-namespaces.md'), 'utf8')).not.toContain('lines cut')
  })

  it('fails on warnings only with --frail', async () => {
    const lessonsDir = await copyLessons()
    const en = path.join(lessonsDir, 'container-processes/en.md')
    // Prose only: no execution, one warning.
    await writeFile(en, (await readFile(en, 'utf8')) + '\n:::bogus\nA note.\n:::\n')
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-contract-out-'))
    const lenient = await shellbook(['build', '--lessons', lessonsDir, '--out', out])
    expect(lenient.code, lenient.stderr).toBe(0)
    expect(lenient.stderr).toMatch(/warning +Unexpected unknown directive `:::bogus`.*unknown-directive/)
    const frail = await shellbook(['build', '--lessons', lessonsDir, '--out', out, '--frail'])
    expect(frail.code).toBe(1)
    expect(frail.stderr).toContain('build failed: warnings fail it with --frail')
  })
})
