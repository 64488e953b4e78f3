// Katacoda and Killercoda scenario folders, unchanged, built on the real engine in sandboxes:
// scripts and assets really ran (a verify passes only because an earlier step did), pages come
// out per locale with step sections and no marker text, translations share one execution, and
// --keep-going runs every cell past a failure while the build still fails.
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Report, ReportLesson } from '../../src/report.js'
import { skipWithoutEngine } from './engine-required.js'

const root = path.resolve(import.meta.dirname, '../..')
const fixtures = path.join(root, 'test/fixtures/scenarios')

interface Built {
  code: number
  stderr: string
  out: string
  lessons: string
  report: Report
}

async function build(names: string[], extra: string[] = []): Promise<Built> {
  const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-scenarios-'))
  for (const name of names) await cp(path.join(fixtures, name), path.join(lessons, name), { recursive: true })
  const out = await mkdtemp(path.join(tmpdir(), 'shellbook-scenarios-out-'))
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile('node', ['bin/shellbook.js', 'build', '--lessons', lessons, '--out', out, '--pull', 'never', ...extra], { cwd: root, maxBuffer: 16 * 2 ** 20 }, (error, _stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr })
    })
  })
  const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as Report
  return { code, stderr, out, lessons, report }
}

function lessonOf(built: Built, slug: string, locale: string): ReportLesson {
  const lesson = built.report.lessons.find((entry) => entry.slug === slug && entry.locale === locale)
  if (!lesson) throw new Error(`no ${slug} (${locale}) in report.json:\n${built.stderr}`)
  return lesson
}

const page = (built: Built, locale: string, slug: string) => readFile(path.join(built.out, 'site', locale, slug, 'index.html'), 'utf8')

describe.skipIf(skipWithoutEngine)('scenario folders on the real engine', () => {
  let built: Built
  beforeAll(async () => {
    built = await build(['killercoda-processes', 'katacoda-processus-fr', 'killercoda-namespaces-zh'])
  }, 240_000)

  it('builds every scenario with every cell ok, no lesson.yaml needed', () => {
    expect(built.code, built.stderr).toBe(0)
    for (const lesson of built.report.lessons) {
      expect(lesson.cells.filter((cell) => cell.status !== 'ok' && cell.status !== 'norun').map((cell) => `${lesson.slug} ${cell.file}:${cell.line} ${cell.status}`)).toEqual([])
    }
  })

  it('ran the background and foreground scripts, the assets and the verify scripts at their place', async () => {
    const killercoda = lessonOf(built, 'killercoda-processes', 'en')
    expect(killercoda.cells.filter((cell) => cell.script).map((cell) => `${cell.script} ${cell.status}`)).toEqual([
      'assets ok', 'background ok', 'foreground ok', 'verify ok', 'verify ok',
    ])
    const captures = JSON.parse(await readFile(path.join(built.lessons, 'killercoda-processes', 'captures.json'), 'utf8')) as { executions: Array<{ cells: Array<{ command: string; output: string[] }> }> }
    const outputs = captures.executions[0]!.cells
    const outputOf = (command: string) => outputs.find((cell) => cell.command === command)?.output.join('\n').trim()
    expect(outputOf('cat /tmp/prepared')).toBe('prepared by the background script')
    // The foreground script's `cd /root` stayed in terminal 1.
    expect(outputOf('pwd')).toBe('/root')
    expect(outputOf('/root/tools/count.sh')).toBe('containers: 1')
    expect(outputOf('cat ~/notes.txt')).toBe("Notes copied by the scenario's assets.")
    // A heredoc in a fence is one command; the nginx stand-in serves what it wrote.
    expect(outputOf('curl -s --retry 10 --retry-connrefused --retry-delay 1 localhost:8080')).toBe('<html><body><h1>Hello from <b>nginx</b></h1></body></html>')
    expect(outputOf('hostname')).toBe('host01')
    // A transcript's `> ` continuation lines are the heredoc's body; `<name>` in it is text.
    expect(outputOf('cat hello.txt')).toBe('hello <name>')
  })

  it('renders intro, titled and untitled steps, the solution and the finish, with no marker text', async () => {
    const html = await page(built, 'en', 'killercoda-processes')
    expect(html).toContain('<h2 id="start-a-container">Start a container</h2>')
    expect(html).toContain('<h2 id="step-2">Step 2</h2>')
    expect(html).toContain('<h3 id="solution">Solution</h3>')
    expect(html).toContain('You saw one process from two sides')
    expect(html).not.toMatch(/\{\{\s*(exec|execute|copy)/)
    const french = await page(built, 'fr', 'katacoda-processus-fr')
    expect(french).toContain('<h2 id="démarrer-redis">Démarrer Redis</h2>')
    expect(french).toContain('atelier prêt')
    expect(french).toContain('redis-server')
    // The editor block wrote the Dockerfile the next command built.
    expect(french).toContain('bonjour &#x26; bienvenue')
  })

  it('gives a translated scenario a page per locale from one execution', async () => {
    const zh = lessonOf(built, 'killercoda-namespaces-zh', 'zh')
    const en = lessonOf(built, 'killercoda-namespaces-zh', 'en')
    expect(zh.cells.map((cell) => cell.command)).toEqual(en.cells.map((cell) => cell.command))
    expect(zh.provenance?.startedAt).toBe(en.provenance?.startedAt)
    // `docker exec -it box sh` moved the terminal into the container, and `exit` back out.
    const inside = zh.cells.filter((cell) => cell.command === 'hostname' || cell.command === 'exit').map((cell) => cell.status)
    expect(inside).toEqual(['ok', 'ok'])
    expect(await page(built, 'zh', 'killercoda-namespaces-zh')).toContain('<h2 id="第-1-步">第 1 步</h2>')
    expect(await page(built, 'en', 'killercoda-namespaces-zh')).toContain('<h2 id="step-1">Step 1</h2>')
  })
})

describe.skipIf(skipWithoutEngine)('a failing scenario', () => {
  it('stops at the first failure by default, and with --keep-going runs every cell, reporting each failure at its line', async () => {
    const stopped = await build(['failing-steps'])
    expect(stopped.code).toBe(1)
    const stoppedCells = lessonOf(stopped, 'failing-steps', 'en').cells
    expect(stoppedCells.map((cell) => cell.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped'])

    const going = await build(['failing-steps'], ['--keep-going'])
    expect(going.code).toBe(1)
    const cells = lessonOf(going, 'failing-steps', 'en').cells
    expect(cells.map((cell) => `${path.basename(cell.file)}:${cell.line} ${cell.status}`)).toEqual([
      'step1.md:3 failed', 'step1.md:5 ok', 'index.json:5 failed', 'step2.md:1 ok',
    ])
    expect(going.stderr).toMatch(/step1\.md\n3:2-3:20 +error +Unexpected exit status 2 from `ls \/no\/such\/folder`, expected 0/)
    expect(going.stderr).toMatch(/index\.json\n5:\d+ +error +Unexpected exit status 1 from the verify script `verify1\.sh`/)
    expect(await page(going, 'en', 'failing-steps')).toContain('step two')
  }, 120_000)
})
