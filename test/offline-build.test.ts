// Builds with no Docker engine, from the captures committed beside the lessons: frozen
// lessons render, a lesson that needs execution fails at its position, and captures.json
// is never touched by a build that did not execute.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../src/build.js'
import { loadLesson } from '../src/plan/load-lessons.js'
import type { RunEvent } from '../src/run/events.js'
import { planExecutions } from '../src/captures/decide.js'

const root = path.resolve(import.meta.dirname, '..')
const slugs = ['container-namespaces', 'container-processes']
let previousHost: string | undefined

beforeAll(() => {
  previousHost = process.env['DOCKER_HOST']
  process.env['DOCKER_HOST'] = 'unix:///nonexistent.sock'
})
afterAll(() => {
  if (previousHost === undefined) delete process.env['DOCKER_HOST']
  else process.env['DOCKER_HOST'] = previousHost
})

async function copyLessons(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-offline-'))
  await cp(path.join(root, 'lessons'), dir, { recursive: true })
  return dir
}

async function offlineBuild(lessonsDir: string, events: RunEvent[] = [], refresh?: { slugs: string[] }): Promise<BuildResult> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'shellbook-offline-out-'))
  return build({
    lessonsDir, outDir, templatesDir: path.join(root, 'templates'), imagesDir: path.join(root, 'images'), host: 'local', pull: false,
    onEvent: (event) => events.push(event),
    slugs: refresh?.slugs, refresh: refresh !== undefined,
  })
}

const messages = (result: BuildResult) => result.files.flatMap((file) => file.messages.map((message) => `${path.basename(file.path)}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`))
const capturesOf = (lessonsDir: string, slug: string) => readFile(path.join(lessonsDir, slug, 'captures.json'), 'utf8')

describe('offline builds from frozen captures', () => {
  it('the captures committed in lessons/ match the lessons as they are', async () => {
    for (const slug of slugs) {
      const planned = await planExecutions(await loadLesson(path.join(root, 'lessons'), slug), false)
      expect(planned.captures.file.messages.map(String)).toEqual([])
      expect(planned.executions.map((execution) => execution.decision.kind), `${slug}: run \`npm run build -- --refresh\``).toEqual(['frozen'])
      // They are real captures from a run of the project's own build, with its provenance.
      const { provenance } = planned.captures.document!.executions[0]!
      expect(provenance.engineVersion).not.toBe('')
      expect(provenance.images.every((image) => /^sha256:[0-9a-f]{64}$/.test(image.id))).toBe(true)
    }
  })

  it('renders every lesson in every locale with no engine, executing nothing', async () => {
    const lessonsDir = await copyLessons()
    const events: RunEvent[] = []
    const result = await offlineBuild(lessonsDir, events)
    expect(messages(result)).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.report.lessons.map((lesson) => `${lesson.slug} ${lesson.locale} ${lesson.captures}`)).toEqual([
      'container-namespaces en frozen', 'container-namespaces fr frozen', 'container-namespaces zh frozen',
      'container-processes en frozen', 'container-processes fr frozen', 'container-processes zh frozen',
    ])
    expect(events.map((event) => event.kind)).toEqual(['captures-frozen', 'captures-frozen'])
    const namespaces = JSON.parse(await capturesOf(lessonsDir, 'container-namespaces')) as { executions: Array<{ vars: Record<string, string> }> }
    const { box_pid: boxPid } = namespaces.executions[0]!.vars
    for (const locale of ['zh', 'fr', 'en']) {
      const markdown = await readFile(path.join(result.outDir, `md/${locale}/container-namespaces.md`), 'utf8')
      expect(markdown).toContain(`/proc/${boxPid}/ns# ls -l`)
    }
    // Two builds from the same captures: the same bytes.
    const again = await offlineBuild(lessonsDir)
    for (const file of ['site/fr/container-processes/index.html', 'md/zh/container-processes.md', 'site/en/index.html']) {
      expect(await readFile(path.join(again.outDir, file), 'utf8')).toBe(await readFile(path.join(result.outDir, file), 'utf8'))
    }
  })

  it('fails at the changed command, names the captures it no longer matches, and leaves them as they were', async () => {
    const lessonsDir = await copyLessons()
    const fr = path.join(lessonsDir, 'container-processes/fr.md')
    await writeFile(fr, (await readFile(fr, 'utf8')).replace('`ls /proc`{{execute}}', '`ls -1 /proc`{{execute}}'))
    const before = await capturesOf(lessonsDir, 'container-processes')
    const result = await offlineBuild(lessonsDir)
    expect(result.ok).toBe(false)
    const line = (await readFile(fr, 'utf8')).split('\n').findIndex((row) => row.includes('ls -1 /proc')) + 1
    expect(messages(result).filter((message) => message.includes('needs-execution'))).toEqual([
      expect.stringMatching(new RegExp(`^fr\\.md:${line}:2 needs-execution Lesson needs execution: command \`ls -1 /proc\` changed since the captures of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, but no Docker engine answers at unix:///nonexistent\\.sock`)),
    ])
    // The translations still match their captures: rendered, and told they now diverge.
    expect(result.report.lessons.filter((lesson) => lesson.slug === 'container-processes').map((lesson) => `${lesson.locale} ${lesson.captures}`)).toEqual(['en frozen', 'fr undefined', 'zh frozen'])
    expect(messages(result).filter((message) => message.includes('translation-diverges'))).toHaveLength(2)
    expect(await capturesOf(lessonsDir, 'container-processes')).toBe(before)
  })

  it('`build container-processes --refresh` builds that lesson only and asks its execution', async () => {
    const lessonsDir = await copyLessons()
    const before = await capturesOf(lessonsDir, 'container-processes')
    const events: RunEvent[] = []
    const result = await offlineBuild(lessonsDir, events, { slugs: ['container-processes'] })
    expect(messages(result).filter((message) => message.includes('needs-execution'))).toEqual([
      expect.stringMatching(/^fr\.md:3:2 needs-execution Lesson needs execution: --refresh asked for it, but no Docker engine answers at unix:\/\/\/nonexistent\.sock; start a Docker engine$/),
    ])
    // The other lesson is not built at all, so nothing of it is thawed or rendered.
    expect(events.map((event) => event.kind)).toEqual([])
    expect(result.report.lessons.map((lesson) => `${lesson.slug} ${lesson.captures}`)).toEqual([
      'container-processes undefined', 'container-processes undefined', 'container-processes undefined',
    ])
    expect(await capturesOf(lessonsDir, 'container-processes')).toBe(before)
    // Its pages still link the whole site: the other lesson is in the sidebar and the index.
    const page = await readFile(path.join(result.outDir, 'site/zh/container-processes/index.html'), 'utf8')
    expect(page).toContain('<a href="../container-namespaces/index.html">')
    expect(await readFile(path.join(result.outDir, 'site/zh/index.html'), 'utf8')).toContain('href="container-namespaces/index.html"')
  })

  it('points a lesson.yaml change at its field', async () => {
    const lessonsDir = await copyLessons()
    const config = path.join(lessonsDir, 'container-processes/lesson.yaml')
    await writeFile(config, (await readFile(config, 'utf8')).replace("xargs ps -o ppid= -p", "xargs ps -o ppid:1= -p"))
    const result = await offlineBuild(lessonsDir)
    const line = (await readFile(config, 'utf8')).split('\n').findIndex((row) => row.startsWith('vars:')) + 1
    expect(messages(result).filter((message) => message.includes('needs-execution'))).toEqual([
      expect.stringMatching(new RegExp(`^lesson\\.yaml:${line}:1 needs-execution Lesson needs execution: lesson\\.yaml \`vars\` changed since the captures of `)),
    ])
  })

  it('points a `hostname` added to a frozen lesson at that line: only a hostname that is set is part of the key', async () => {
    const lessonsDir = await copyLessons()
    const config = path.join(lessonsDir, 'container-processes/lesson.yaml')
    await writeFile(config, `${await readFile(config, 'utf8')}hostname: web1\n`)
    const result = await offlineBuild(lessonsDir)
    const line = (await readFile(config, 'utf8')).split('\n').findIndex((row) => row.startsWith('hostname:')) + 1
    expect(messages(result).filter((message) => message.includes('needs-execution'))).toEqual([
      expect.stringMatching(new RegExp(`^lesson\\.yaml:${line}:1 needs-execution Lesson needs execution: lesson\\.yaml \`hostname\` changed since the captures of `)),
    ])
  })

  it('reports a hand-broken captures.json at its position and neither executes nor rewrites it', async () => {
    const lessonsDir = await copyLessons()
    const file = path.join(lessonsDir, 'container-processes/captures.json')
    const brokenText = (await readFile(file, 'utf8')).replace('"status": "ok"', '"status": "fine"')
    await writeFile(file, brokenText)
    const events: RunEvent[] = []
    const result = await offlineBuild(lessonsDir, events)
    expect(result.ok).toBe(false)
    const line = brokenText.split('\n').findIndex((row) => row.includes('"fine"')) + 1
    expect(messages(result)).toEqual([
      expect.stringMatching(new RegExp(`^captures\\.json:${line}:\\d+ corrupt-captures Unexpected value for \`executions\\.0\\.cells\\.0\\.status\``)),
    ])
    // No silent re-execution: the engine was never asked for, the other lesson still rendered.
    expect(events.map((event) => event.kind)).toEqual(['captures-frozen'])
    expect(await readFile(file, 'utf8')).toBe(brokenText)
  })
})
