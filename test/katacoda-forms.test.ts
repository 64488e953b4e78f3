// Katacoda / Killercoda forms through parse, plan and render: a code span over several lines
// is one terminal block with a command per line; `<pre>…</pre>{{execute}}` is a terminal
// block; a `<details>` block with no blank lines keeps its tags around the commands it holds;
// no marker text reaches a page. Fixture-driven plans are in test/fixtures/*/plan.json.
import type { Root, RootContent } from 'mdast'
import { beforeAll, describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import path from 'node:path'
import { parseLesson } from '../src/parse/index.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'
import type { LessonPlan } from '../src/plan/types.js'
import {
  createCommandHighlighter, createTranslator, lessonContext, lessonHtml, lessonMarkdown, loadCatalogs, loadTemplates, runScreens, type SiteEnv,
} from '../src/render/index.js'
import type { LessonRun } from '../src/captures/types.js'

const templatesDir = path.join(import.meta.dirname, '..', 'templates')

const lesson = [
  '# Forms',
  '',
  'Find it: `DBPID=$(pgrep redis-server)',
  'echo Redis is $DBPID`{{execute}} then read on.',
  '',
  '<pre class="file">ls -l &amp;&amp; echo done</pre>{{execute}}',
  '',
  '<details><summary>Solution</summary>',
  '```',
  'echo solved',
  '```{{exec}}',
  '</details>',
  '',
  'Leftover {{exec}} marker, and a template {{.Names}}.',
  '',
].join('\n')

async function planOf(markdown: string): Promise<LessonPlan> {
  const configFile = new VFile({ path: 'lesson.yaml', value: 'title: {en: Forms}\n' })
  const file = new VFile({ path: 'en.md', value: markdown })
  return planLesson({ slug: 'forms', locale: 'en', file, tree: await parseLesson(file), config: loadConfig(configFile)!, configFile })
}

/** A run where each cell printed `out-<id>`. */
function runOf(plan: LessonPlan): LessonRun {
  const cells = Object.fromEntries(plan.cells.map((cell) => [cell.id, {
    cellId: cell.id, command: cell.command, output: `out-${cell.id}\n`, exitCode: 0, expectedExit: 0, durationMs: 1,
    startedAt: '2025-06-11T05:42:00.000Z', timedOut: false, truncated: false, status: 'ok' as const,
  }]))
  return {
    slug: plan.slug, vars: {}, cells,
    provenance: { hostKind: 'local', engineVersion: '26.1.5', kernel: '6.1.0', os: 'Debian', startedAt: '2025-06-11T05:42:00.000Z', finishedAt: '2025-06-11T05:43:00.000Z', images: [] },
  }
}

let env: SiteEnv
beforeAll(async () => {
  env = { templates: await loadTemplates(templatesDir), catalogs: await loadCatalogs(templatesDir), highlighter: createCommandHighlighter() }
})

describe('Katacoda forms', () => {
  it('plans a command per line of a code span, and runs <pre> and <details> contents', async () => {
    const plan = await planOf(lesson)
    expect(plan.cells.map((cell) => [cell.id, cell.command, `${cell.position.start.line}:${cell.position.start.column}-${cell.position.end.line}:${cell.position.end.column}`])).toEqual([
      ['c1', 'DBPID=$(pgrep redis-server)', '3:11-3:38'],
      ['c2', 'echo Redis is $DBPID', '4:1-4:21'],
      ['c3', 'ls -l && echo done', '6:19-6:45'],
      ['c4', 'echo solved', '10:1-10:12'],
    ])
    expect(plan.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['14:10 stray-marker'])
  })

  it('keeps the <details> and <summary> tags as HTML around the commands inside', async () => {
    const plan = await planOf(lesson)
    const kinds = (nodes: RootContent[]) => nodes.map((node) => (node.type === 'html' ? node.value : node.type))
    expect(kinds((plan.tree as Root).children)).toEqual(['heading', 'paragraph', 'execBlock', '<details>', '<summary>Solution</summary>', 'execBlock', '</details>', 'paragraph'])
  })

  it('renders a code span over several lines as one terminal block with an entry per line', async () => {
    const plan = await planOf(lesson)
    const page = lessonHtml(await lessonContext(plan, runOf(plan), createTranslator('en', env.catalogs)), ['en'], env)
    expect(page).toContain('<code class="exec">DBPID=$(pgrep redis-server) echo Redis is $DBPID</code> then read on.</p>\n<figure class="terminal"')
    const figure = page.slice(page.indexOf('<figure class="terminal"'), page.indexOf('</figure>'))
    expect(figure.match(/data-cell="c\d+"/g)).toEqual(['data-cell="c1"', 'data-cell="c2"'])
    expect(figure).toContain('out-c1')
    expect(figure).toContain('out-c2')
    const md = lessonMarkdown(await lessonContext(plan, runOf(plan), createTranslator('en', env.catalogs)))
    expect(md).toContain('```console\n$ DBPID=$(pgrep redis-server)\nout-c1\n$ echo Redis is $DBPID\nout-c2\n```')
  })

  it('renders <pre>{{execute}} and <details> commands as terminal blocks, with no marker text left', async () => {
    const plan = await planOf(lesson)
    const page = lessonHtml(await lessonContext(plan, runOf(plan), createTranslator('en', env.catalogs)), ['en'], env)
    expect(page).toContain('data-cell="c3"')
    expect(page).not.toContain('<pre class="file">')
    expect(page).toMatch(/<details>\s*<summary>Solution<\/summary>\s*<figure class="terminal"[^]*data-cell="c4"[^]*<\/figure>\s*<\/details>/)
    expect(page).toContain('a template {{.Names}}.')
    const md = lessonMarkdown(await lessonContext(plan, runOf(plan), createTranslator('en', env.catalogs)))
    expect(md).toContain('```console\n$ ls -l && echo done\nout-c3\n```')
    for (const out of [page, md]) expect(out).not.toMatch(/\{\{\s*(?:exec|execute|copy)\b/)
  })
})

describe('host port addresses', () => {
  const traffic = [
    '# Ports',
    '',
    'Open [the app]({{TRAFFIC_HOST1_8080}}/hello), or {{TRAFFIC_HOST1_3000}} for the other one.',
    '',
    'Wait for it: `curl -s "{{TRAFFIC_HOST1_8080}}/health"`{{execute}}',
    '',
    'The [Katacoda way](https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].environments.katacoda.com/), `curl [[HOST_IP]]:8080`{{execute}}',
    '',
    'Pick a port in [the port list]({{TRAFFIC_SELECTOR}}).',
    '',
  ].join('\n')

  it('become the port on the machine the lesson runs on, in links, prose and commands', async () => {
    const plan = await planOf(traffic)
    expect(plan.cells.map((cell) => cell.command)).toEqual(['curl -s "http://localhost:8080/health"', 'curl localhost:8080'])
    const page = lessonHtml(await lessonContext(plan, runOf(plan), createTranslator('en', env.catalogs)), ['en'], env)
    expect(page).toContain('<a href="http://localhost:8080/hello">the app</a>, or http://localhost:3000 for the other one.')
    expect(page).toContain('<a href="http://localhost/">Katacoda way</a>')
    expect(page).toContain('<p>Pick a port in the port list.</p>')
    const md = lessonMarkdown(await lessonContext(plan, runOf(plan), createTranslator('en', env.catalogs)))
    expect(md).toContain('[the app](http://localhost:8080/hello)')
    for (const out of [page, md]) expect(out).not.toMatch(/TRAFFIC|\[\[HOST|KATACODA_HOST/)
    expect(plan.file.messages).toEqual([])
  })
})

describe('keys typed into vi', () => {
  it('show the screen vi drew before, as it stands after them; the cell that saw vi end shows what came after', async () => {
    const plan = await planOf('# Vi\n\n`vim notes.txt`{{execute}}\n\n`ihello`{{execute}}\n\n`:wq`{{execute}}\n')
    expect(plan.cells.map((cell) => [cell.command, cell.viEditor ?? false])).toEqual([['vim notes.txt', true], ['ihello', false], [':wq', false]])
    const run = runOf(plan)
    const opened = '\u001b[?1049h\u001b[H\u001b[2J' + Array.from({ length: 48 }, (_, row) => `\u001b[${row + 2};1H~`).join('') + '\u001b[50;1H"notes.txt" [New]'
    run.cells['c1'] = { ...run.cells['c1']!, output: opened, leftRunning: 'keys', exitCode: null }
    run.cells['c2'] = { ...run.cells['c2']!, output: '\u001b[1;1Hhello\u001b[2;1H\u001b[K\u001b[50;1H-- INSERT --\u001b[K', leftRunning: 'keys', exitCode: null }
    run.cells['c3'] = { ...run.cells['c3']!, output: '\u001b[50;1H:wq\u001b[?1049l"notes.txt" [New] 2L, 7B written\n' }
    const screens = await runScreens(run, plan)
    const typed = screens.get('c2')!.split('\n')
    expect(typed[0]).toBe('hello')
    expect(typed.filter((line) => line === '~')).toHaveLength(47)
    expect(typed.at(-1)!.trim()).toBe('-- INSERT --')
    // vi's screen is not shown again under `:wq`: only what the terminal showed after it.
    expect(screens.get('c3')).not.toContain('~')
    expect(screens.get('c3')).toContain('2L, 7B written')
  })
})

describe('lines typed into a line-mode program', () => {
  it('each show their own output, not the outputs of the lines typed before them', async () => {
    const plan = await planOf('# Redis\n\n`docker exec -it db redis-cli`{{execute}}\n\n`SET greeting hello`{{execute}}\n\n`GET greeting`{{execute}}\n\n`exit`{{execute}}\n')
    const run = runOf(plan)
    run.cells['c1'] = { ...run.cells['c1']!, output: '', leftRunning: 'keys', exitCode: null }
    // As redis-cli's line editor leaves them: no line end after the reply (the next prompt redraws the line).
    run.cells['c2'] = { ...run.cells['c2']!, output: 'OK', leftRunning: 'keys', exitCode: null }
    run.cells['c3'] = { ...run.cells['c3']!, output: '"hello"', leftRunning: 'keys', exitCode: null }
    const screens = await runScreens(run, plan)
    expect(screens.get('c2')).toBe('OK')
    expect(screens.get('c3')).toBe('"hello"')
  })
})

describe('a fence holding a loop', () => {
  it('is one command, as a shell reads the pasted lines: the loop runs once it is closed', async () => {
    const plan = await planOf('# Loop\n\n```\nfor i in 1 2 3; do\n  echo "line $i"\ndone\necho after\n```{{execute}}\n\n```\nif [ -d /tmp ]; then\n  echo yes\nfi\n```{{exec}}\n')
    expect(plan.cells.map((cell) => cell.command)).toEqual(['for i in 1 2 3; do\n  echo "line $i"\ndone', 'echo after', 'if [ -d /tmp ]; then\n  echo yes\nfi'])
    expect(plan.file.messages).toEqual([])
  })
})
