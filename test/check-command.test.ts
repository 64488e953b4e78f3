// `shellbook check` on lesson folders made to break one rule each (test/fixtures/check-lessons/<case>/,
// expected messages in its expected-messages.json; regenerate with `npx vitest run -u`), on the
// repository's own lessons, and as a CLI (exit codes, --format json, --frail). No Docker involved.
import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkLessons } from '../src/check-lessons.js'

const root = path.resolve(import.meta.dirname, '..')
const fixtures = path.join(root, 'test/fixtures/check-lessons')
const cases = readdirSync(fixtures).sort()

async function messagesOf(lessonsDir: string, slugs: string[] = []) {
  const result = await checkLessons({ lessonsDir, slugs })
  return result.files.flatMap((file) =>
    file.messages.map((message) => `${path.basename(file.path)}:${message.line}:${message.column} ${message.fatal ? 'error' : message.fatal === false ? 'warning' : 'info'} ${message.ruleId}: ${message.reason}`),
  )
}

function shellbook(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/shellbook.js', 'check', ...args], { cwd: root, env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock' } }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })
    })
  })
}

describe('shellbook check', () => {
  it('finds nothing in a clean lesson whose translations and captures match', async () => {
    expect(await messagesOf(fixtures, ['clean'])).toEqual([])
  })

  it('finds nothing wrong in the repository lessons: fr, zh and en of both, captures fresh', async () => {
    const messages = await messagesOf(path.join(root, 'lessons'))
    // Only info: the seeds' sample outputs come from their authors' machines (systemd, other PIDs' layout).
    expect(messages.filter((message) => !/ info sample-changed: /.test(message))).toEqual([])
    expect(messages.some((message) => /zh\.md:\d+:\d+ info sample-changed: Unexpected sample output of `pstree {2}-g`/.test(message))).toBe(true)
  })

  it('reads a folder with Markdown but no lesson.yaml as a lesson, instead of skipping it silently', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-check-dropped-'))
    await cp(path.join(fixtures, 'clean'), path.join(dir, 'clean'), { recursive: true })
    await mkdir(path.join(dir, 'dropped'))
    await writeFile(path.join(dir, 'dropped', 'en.md'), '# Dropped in\n\n`ls`{{execute}}\n')
    await mkdir(path.join(dir, 'assets'))
    await writeFile(path.join(dir, 'assets', 'logo.txt'), 'not a lesson\n')
    // It is a lesson now, defaults and all: its only problem is that it never ran.
    expect(await messagesOf(dir)).toEqual([
      'en.md:3:2 error stale-captures: Unexpected stale captures: no captures yet, expected captures.json to match what the lesson runs; run `shellbook build` with a Docker engine to refresh them',
    ])
  })

  it('checks the `lessons` folder of the working folder when given no options', async () => {
    // vitest runs from the repository root, where its config is.
    expect(process.cwd()).toBe(root)
    const result = await checkLessons()
    expect(result.ok).toBe(true)
    expect(result.files.map((file) => file.path).filter((file) => file.endsWith('lesson.yaml')).sort()).toEqual([
      'lessons/container-namespaces/lesson.yaml', 'lessons/container-processes/lesson.yaml',
    ])
  })

  // `<rule>-ok` folders hold what a rule must accept: nothing to say.
  const accepted = (name: string) => name.endsWith('-ok') && !name.endsWith('-not-ok')
  for (const name of cases.filter(accepted)) {
    it(`accepts ${name}`, async () => {
      expect(await messagesOf(fixtures, [name])).toEqual([])
    })
  }

  for (const name of cases.filter((name) => name !== 'clean' && !accepted(name))) {
    it(`reports ${name}`, async () => {
      const messages = await messagesOf(fixtures, [name])
      expect(messages.length).toBeGreaterThan(0)
      await expect(JSON.stringify(messages, null, 2) + '\n').toMatchFileSnapshot(path.join(fixtures, name, 'expected-messages.json'))
    })
  }

  it('takes a path to a lesson folder, or to a file in it, for its slug, as a shell completes it', async () => {
    const relative = path.relative(root, fixtures)
    for (const argument of [`${relative}/unbound/`, `${relative}/unbound/en.md`, path.join(fixtures, 'unbound')]) {
      const messages = await messagesOf(fixtures, [argument])
      expect(messages.some((message) => / error unbound-placeholder: /.test(message)), argument).toBe(true)
    }
    // Twice the same lesson is checked once; a path outside any lesson is still unknown.
    expect(await messagesOf(fixtures, ['clean', `${relative}/clean`])).toEqual([])
    const unknown = await checkLessons({ lessonsDir: fixtures, slugs: [`${relative}/../nowhere`] })
    expect(unknown.files.map((file) => [file.path, file.messages[0]?.ruleId])).toEqual([['test/fixtures/nowhere', 'unknown-lesson']])
  })

  it('exits 0 on a clean lesson, 1 on errors; warnings fail only with --frail', async () => {
    expect((await shellbook(['clean', '--lessons', fixtures])).code).toBe(0)
    expect((await shellbook(['unbound', '--lessons', fixtures])).code).toBe(1)
    const glued = await shellbook(['glued', '--lessons', fixtures])
    expect(glued.code).toBe(0)
    expect(glued.stderr).toMatch(/glued\/en\.md\n3:31-3:\d+ +warning +Unexpected word glued to `\{\{execute\}\}`/)
    expect((await shellbook(['glued', '--lessons', fixtures, '--frail'])).code).toBe(1)
  })

  it('prints one JSON object per message with --format json', async () => {
    const result = await shellbook(['stale', 'unbound', '--lessons', fixtures, '--format', 'json'])
    expect(result.code).toBe(1)
    const messages = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(messages).toContainEqual({
      file: 'test/fixtures/check-lessons/unbound/en.md', line: 5, column: 16, endLine: 5, endColumn: 22,
      severity: 'error', ruleId: 'unbound-placeholder', source: 'shellbook',
      reason: 'Unexpected placeholder `<ppid>` with no variable, expected a `ppid` entry under `vars` in lesson.yaml',
    })
    expect(messages.filter((message) => message['ruleId'] === 'stale-captures').map((message) => `${message['file']}:${message['line']}`).sort()).toEqual([
      'test/fixtures/check-lessons/stale/en.md:3',
    ])
  })

  it('reports through the bundled CLI what the library reports, the language of prose included', async () => {
    // The bundle builds franc's trigram tables lazily (scripts/bundle.js): its verdicts must not change.
    const result = await shellbook(['--lessons', fixtures, '--format', 'json'])
    const cli = (JSON.parse(result.stdout) as Array<Record<string, unknown>>).map(
      (message) => `${path.basename(String(message['file']))}:${message['line']}:${message['column']} ${message['severity']} ${message['ruleId']}: ${message['reason']}`,
    )
    const library = await messagesOf(fixtures)
    expect(library.some((message) => / untranslated-prose: /.test(message))).toBe(true)
    expect(cli.toSorted()).toEqual(library.toSorted())
  })
})
