// A second build into the same out/ with nothing changed reads no lesson: what it reports and
// the pages on disk are those of the first. An edit reads that lesson again; a change to what
// every sidebar shows (a title) reads them all; a lesson with an error is never taken as it was.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../src/build.js'
import type { RunEvent } from '../src/run/events.js'

const root = path.resolve(import.meta.dirname, '..')
let previousHost: string | undefined
let lessonsDir: string
let outDir: string

beforeAll(async () => {
  previousHost = process.env['DOCKER_HOST']
  process.env['DOCKER_HOST'] = 'unix:///nonexistent.sock'
  lessonsDir = await mkdtemp(path.join(tmpdir(), 'shellbook-memo-'))
  await cp(path.join(root, 'lessons'), lessonsDir, { recursive: true })
  outDir = await mkdtemp(path.join(tmpdir(), 'shellbook-memo-out-'))
})
afterAll(() => {
  if (previousHost === undefined) delete process.env['DOCKER_HOST']
  else process.env['DOCKER_HOST'] = previousHost
})

async function again(events: RunEvent[] = []): Promise<BuildResult> {
  return build({ lessonsDir, outDir, templatesDir: path.join(root, 'templates'), imagesDir: path.join(root, 'images'), host: 'local', pull: false, onEvent: (event) => events.push(event) })
}

const messages = (result: BuildResult) => result.files.flatMap((file) => file.messages.map((message) => `${path.relative(lessonsDir, file.path)}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`))
const page = (file: string) => readFile(path.join(outDir, file), 'utf8')
const pages = ['site/fr/container-processes/index.html', 'md/zh/container-namespaces.md', 'site/en/index.html', 'site/sitemap.xml']

describe('a build after a frozen, sound build', () => {
  it('reads no lesson when nothing changed, and reports and leaves on disk what the first build did', async () => {
    const firstEvents: RunEvent[] = []
    const first = await again(firstEvents)
    expect(first.ok).toBe(true)
    expect(first.reused).toEqual([])
    const before = await Promise.all(pages.map(page))

    const secondEvents: RunEvent[] = []
    const second = await again(secondEvents)
    expect(second.reused).toEqual(['container-namespaces', 'container-processes'])
    expect(second.lessons).toEqual([])
    expect(second.ok).toBe(true)
    expect(messages(second)).toEqual(messages(first))
    expect({ ...second.report, generatedAt: '' }).toEqual({ ...first.report, generatedAt: '' })
    expect(secondEvents).toEqual(firstEvents)
    expect(await Promise.all(pages.map(page))).toEqual(before)
  })

  it('reads again the lesson whose prose was edited, and only it', async () => {
    const fr = path.join(lessonsDir, 'container-processes', 'fr.md')
    await writeFile(fr, (await readFile(fr, 'utf8')) + '\nUne phrase ajoutée après coup.\n')
    const result = await again()
    expect(result.reused).toEqual(['container-namespaces'])
    expect(result.lessons.map((lesson) => `${lesson.plan.slug} ${lesson.plan.locale}`)).toEqual(['container-processes en', 'container-processes fr', 'container-processes zh'])
    expect(await page('site/fr/container-processes/index.html')).toContain('Une phrase ajoutée après coup.')
    expect((await again()).reused).toEqual(['container-namespaces', 'container-processes'])
  })

  it('reads every lesson again when a title every sidebar shows changed', async () => {
    const config = path.join(lessonsDir, 'container-namespaces', 'lesson.yaml')
    await writeFile(config, (await readFile(config, 'utf8')).replace('en: Containers and processes', 'en: Containers are processes'))
    const result = await again()
    expect(result.reused).toEqual([])
    expect(await page('site/en/container-processes/index.html')).toContain('Containers are processes')
  })

  it('never takes a lesson with an error as it was: the error is said by every build', async () => {
    const fr = path.join(lessonsDir, 'container-processes', 'fr.md')
    await writeFile(fr, (await readFile(fr, 'utf8')).replace('`docker top db`{{execute}}', '`docker top db -o pid`{{execute}}'))
    for (let build = 0; build < 2; build++) {
      const result = await again()
      expect(result.ok).toBe(false)
      expect(result.reused).toEqual(['container-namespaces'])
      expect(messages(result).filter((message) => message.includes('needs-execution'))).not.toEqual([])
    }
  })
})

describe('the memo and page cache files', () => {
  it('are ignored when cut short: the build reads and renders everything, and writes them whole again', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-memo-cut-'))
    const options = { lessonsDir, outDir: out, templatesDir: path.join(root, 'templates'), imagesDir: path.join(root, 'images'), host: 'local' as const, pull: false }
    await build(options)
    for (const name of ['.shellbook-lessons.json', '.shellbook-pages.json']) await writeFile(path.join(out, name), '{"settings": 3, "lessons": [')
    const result = await build(options)
    expect(result.reused).toEqual([])
    expect(result.lessons.length).toBeGreaterThan(0)
    expect((await build(options)).reused).not.toEqual([])
  })
})
