// What pages and Markdown show of terminal output: the screen a reader's terminal showed
// (terminal-screen/), the lines a cell asks for with a marker where lines were cut, the site's
// cap on long outputs, how a command left running ended, and the prompt the reader saw.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CellCapture, LessonRun } from '../src/captures/types.js'
import type { CellOptions, LessonPlan } from '../src/plan/types.js'
import {
  createCommandHighlighter, createTranslator, lessonContext, lessonHtml, lessonMarkdown, loadCatalogs, loadTemplates, renderSite, type SiteEnv,
} from '../src/render/index.js'
import { capture, cell, exec, execBlock, plan, run } from './hand-built-lessons.js'

const templatesDir = path.join(import.meta.dirname, '..', 'templates')
let env: SiteEnv
beforeAll(async () => {
  env = { templates: await loadTemplates(templatesDir), catalogs: await loadCatalogs(templatesDir), highlighter: createCommandHighlighter() }
})

/** The page's output block and the Markdown's console block of one command. */
async function rendered(p: LessonPlan, r: LessonRun, maxLines?: number) {
  const ctx = await lessonContext(p, r, createTranslator(p.locale, env.catalogs), { maxLines })
  const page = lessonHtml(ctx, [p.locale], env)
  const md = lessonMarkdown(ctx)
  return {
    page,
    output: /<pre class="output"[^>]*><samp>([^]*?)<\/samp><\/pre>/.exec(page)?.[1],
    entry: /<div class="entry [^]*?<\/figure>/.exec(page)?.[0] ?? '',
    md,
    console: /```console\n([^]*?)\n```/.exec(md)?.[1],
  }
}

/** One command `cmd` with `output`, its cell's options and its capture's fields. */
function oneCommand(output: string, options: Partial<CellOptions> = {}, extra: Partial<CellCapture> = {}, locale = 'en', yaml: Record<string, unknown> = {}) {
  return { p: plan([execBlock(exec('c1', 'cmd'))], [cell('c1', 'cmd', options)], locale, yaml), r: run([capture('c1', 'cmd', output, extra)]) }
}

const numbered = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `line ${i + from}`)
const ten = numbered(10).join('\n') + '\n'

describe('the screen a reader saw', () => {
  it('shows a progress bar at its last redraw, in the page and the Markdown alike', async () => {
    const { p, r } = oneCommand('Downloading  10%\rDownloading 100%\ndone\n')
    const out = await rendered(p, r)
    expect(out.output).toBe('Downloading 100%\ndone')
    expect(out.console).toBe('$ cmd\nDownloading 100%\ndone')
  })

  it('shows a full-screen program as its last frame, between the output around it', async () => {
    const output = readFileSync(path.join(import.meta.dirname, 'fixtures', 'terminal-screen', 'less-between', 'output.txt'), 'utf8')
    const { p, r } = oneCommand(output, {}, {}, 'en', { terminal: { cols: 80, rows: 24 } })
    const out = await rendered(p, r)
    const expected = ['before less', ...numbered(23, 78).map((line) => line.slice(5)), 'after less'].join('\n')
    expect(out.output).toBe(expected)
    expect(out.console).toBe(`$ cmd\n${expected}`)
  })

  it('shows an output that is one empty line (`echo`) as an empty line, and an emptied screen not at all', async () => {
    const echo = oneCommand('\n')
    const out = await rendered(echo.p, echo.r)
    expect(out.output).toBe('')
    expect(out.md).toContain('```console\n$ cmd\n\n```')
    const clear = oneCommand('\u001b[H\u001b[2J\u001b[3J')
    expect((await rendered(clear.p, clear.r)).page).not.toContain('class="output"')
  })

  it('keeps captured text escaped and NULs visible through the emulator', async () => {
    const { p, r } = oneCommand('10%\r<script>alert(1)</script>\nA=1\u0000B=2\u0000\n')
    const out = await rendered(p, r)
    expect(out.output).toBe('&#x3C;script>alert(1)&#x3C;/script>\nA=1<span class="ctrl" title="NUL byte (\\0)">␀</span>B=2<span class="ctrl" title="NUL byte (\\0)">␀</span>')
    expect(out.console).toBe('$ cmd\n<script>alert(1)</script>\nA=1␀B=2␀')
  })
})

describe('head, tail and lines', () => {
  const cases: Array<[string, Partial<CellOptions>, string[]]> = [
    ['head', { head: 3 }, ['line 1', 'line 2', 'line 3', '… 7 lines cut']],
    ['tail', { tail: 2 }, ['… 8 lines cut', 'line 9', 'line 10']],
    ['a range', { lines: { from: 4, to: 6 } }, ['… 3 lines cut', 'line 4', 'line 5', 'line 6', '… 4 lines cut']],
    ['a range to the end', { lines: { from: 5 } }, ['… 4 lines cut', ...numbered(6, 5)]],
    ['head and tail', { head: 2, tail: 2 }, ['line 1', 'line 2', '… 6 lines cut', 'line 9', 'line 10']],
    ['head within a range', { lines: { from: 3, to: 8 }, head: 2 }, ['… 2 lines cut', 'line 3', 'line 4', '… 6 lines cut']],
    ['one line cut', { head: 9 }, [...numbered(9), '… 1 line cut']],
  ]
  for (const [name, options, shown] of cases) {
    it(`shows ${name} with exact cut counts`, async () => {
      const { p, r } = oneCommand(ten, options)
      const out = await rendered(p, r)
      expect(out.console).toBe(['$ cmd', ...shown].join('\n'))
      expect(out.output).toBe(shown.map((line) => (line.startsWith('…') ? `<span class="cut">${line}</span>` : line)).join('\n'))
    })
  }

  it('shows no marker where nothing was cut', async () => {
    for (const options of [{ head: 10 }, { tail: 20 }, { lines: { from: 1 } }, { head: 6, tail: 4 }, {}] as Array<Partial<CellOptions>>) {
      const { p, r } = oneCommand(ten, options)
      const out = await rendered(p, r)
      expect(out.console, JSON.stringify(options)).toBe(['$ cmd', ...numbered(10)].join('\n'))
      expect(out.page).not.toContain('class="cut"')
    }
  })

  it('says the cut in the page\'s language, with its plural forms', async () => {
    const fr = oneCommand(ten, { head: 9 }, {}, 'fr')
    expect((await rendered(fr.p, fr.r)).console).toContain('\n… 1 ligne coupée')
    const frMany = oneCommand(ten, { tail: 3 }, {}, 'fr')
    expect((await rendered(frMany.p, frMany.r)).console).toContain('\n… 7 lignes coupées\n')
    const zh = oneCommand(ten, { tail: 3 }, {}, 'zh')
    expect((await rendered(zh.p, zh.r)).output).toContain('<span class="cut">… 省略了 7 行</span>')
  })

  it('keeps the colour a kept line starts in when its start was cut', async () => {
    const { p, r } = oneCommand('\u001b[32mgreen\nstill green\u001b[0m\nplain\n', { tail: 2 })
    const out = await rendered(p, r)
    expect(out.output).toBe('<span class="cut">… 1 line cut</span>\n<span style="color:rgb(0, 187, 0)">still green</span>\nplain')
  })
})

describe('the cap on long outputs', () => {
  const long = numbered(250).join('\n') + '\n'

  it('shows the first and last 100 lines of a longer output, a marker between', async () => {
    const { p, r } = oneCommand(long)
    const out = await rendered(p, r)
    expect(out.console).toBe(['$ cmd', ...numbered(100), '… 50 lines cut', ...numbered(100, 151)].join('\n'))
  })

  it('shows everything with no cap (--max-lines 0), and the lines a cell asks for over the cap', async () => {
    const all = oneCommand(long)
    expect((await rendered(all.p, all.r, 0)).console).toBe(['$ cmd', ...numbered(250)].join('\n'))
    const chosen = oneCommand(long, { head: 20 })
    expect((await rendered(chosen.p, chosen.r, 10)).console).toBe(['$ cmd', ...numbered(20), '… 230 lines cut'].join('\n'))
    const odd = oneCommand(ten)
    expect((await rendered(odd.p, odd.r, 5)).console).toBe(['$ cmd', 'line 1', 'line 2', 'line 3', '… 5 lines cut', 'line 9', 'line 10'].join('\n'))
  })

  it('applies to every page and Markdown file of a site (renderSite maxLines), captures untouched', async () => {
    const { p, r } = oneCommand(long)
    const before = JSON.stringify(r)
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-render-terminal-'))
    try {
      await renderSite({ lessons: [{ plan: p, run: r }], outDir: out, templatesDir, maxLines: 50 })
      const md = await readFile(path.join(out, 'md', 'en', 'demo.md'), 'utf8')
      expect(md).toContain('line 25\n… 200 lines cut\nline 226\n')
      expect(await readFile(path.join(out, 'site', 'en', 'demo', 'index.html'), 'utf8')).toContain('line 25\n<span class="cut">… 200 lines cut</span>\nline 226\n')
      expect(JSON.stringify(r)).toBe(before)
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })
})

describe('commands left running', () => {
  const notes: Array<[CellCapture['leftRunning'], string, string, string]> = [
    ['still-running', 'running', 'Still running when the lesson ended: 12 s of its output', 'Toujours en cours à la fin de la leçon : 12 s de sa sortie'],
    ['ctrl-c', 'stopped', 'Stopped with Ctrl-C after 12 s, as the lesson intends', 'Arrêté par Ctrl-C après 12 s, comme le prévoit la leçon'],
    ['ended', 'ended', 'Ended by itself after 12 s', 'Terminé de lui-même après 12 s'],
  ]
  for (const [leftRunning, kind, en, fr] of notes) {
    it(`say how one ended: ${leftRunning}`, async () => {
      const { p, r } = oneCommand('serving\n', {}, { leftRunning, durationMs: 12_000 })
      const out = await rendered(p, r)
      expect(out.entry).toContain(`<p class="note note-${kind}">${en}</p>`)
      expect(out.md).toContain(`\`\`\`\n\n*${en}*`)
      const french = oneCommand('serving\n', {}, { leftRunning, durationMs: 12_000 }, 'fr')
      expect((await rendered(french.p, french.r)).md).toContain(`*${fr}*`)
    })
  }

  it('say nothing of a program left with the keys typed next: the next command shows them', async () => {
    const { p, r } = oneCommand('127.0.0.1:6379> ', {}, { leftRunning: 'keys', durationMs: 12_000 })
    const out = await rendered(p, r)
    expect(out.entry).not.toContain('class="note')
    expect(out.md).not.toContain('```\n\n*')
  })

  it('say it once when a stopped command also timed out as the lesson meant', async () => {
    const { p, r } = oneCommand('log line\n', { timeoutMs: 2000, exit: 130 }, { leftRunning: 'ctrl-c', timedOut: true, exitCode: 130, expectedExit: 130, durationMs: 2500 })
    const out = await rendered(p, r)
    expect(out.entry.match(/class="note /g)).toHaveLength(1)
    expect(out.entry).toContain('Stopped with Ctrl-C after 2.5 s')
    const zh = oneCommand('log\n', {}, { leftRunning: 'still-running', durationMs: 1500 }, 'zh')
    expect((await rendered(zh.p, zh.r)).md).toContain('*课程结束时仍在运行：显示其 1.5 秒的输出*')
  })
})

describe('prompts', () => {
  it('show the prompt the reader saw inside a shell or a program, instead of `$ `', async () => {
    const p = plan([execBlock(exec('c1', 'ps'), exec('c2', 'GET key'), exec('c3', 'exit'))], [cell('c1', 'ps'), cell('c2', 'GET key'), cell('c3', 'exit')])
    const r = run([capture('c1', 'ps', 'PID USER\n', { prompt: '/ # ' }), capture('c2', 'GET key', '"value"\n', { prompt: '127.0.0.1:6379> ' }), capture('c3', 'exit', '')])
    const out = await rendered(p, r)
    expect(out.page).toContain('<span class="prompt">/ # </span>')
    expect(out.page).toContain('<span class="prompt">127.0.0.1:6379> </span>')
    expect(out.page).toContain('<span class="prompt">$ </span>')
    expect(out.console).toBe('/ # ps\nPID USER\n127.0.0.1:6379> GET key\n"value"\n$ exit')
  })
})

describe('control keys', () => {
  it('show as the keys a reader presses, with no prompt and nothing to copy; keys that are text read as typed, with no prompt', async () => {
    const p = plan([execBlock(exec('c1', '^P^Q'), exec('c2', 'q'))], [cell('c1', '^P^Q', { keys: true }), cell('c2', 'q', { keys: true })])
    const r = run([capture('c1', '^P^Q', 'read escape sequence\n'), capture('c2', 'q', '')])
    const out = await rendered(p, r)
    const keys = out.page.slice(out.page.indexOf('data-cell="c1"'), out.page.indexOf('data-cell="c2"'))
    expect(keys).toContain('<kbd>Ctrl+P</kbd> <kbd>Ctrl+Q</kbd>')
    expect(keys).not.toContain('class="copy"')
    expect(keys).not.toContain('class="prompt"')
    expect(out.page).toContain('<code class="command language-bash">')
    // Text keys read as typed, with no shell prompt before them: the program read them.
    expect(out.page.slice(out.page.indexOf('data-cell="c2"'))).not.toContain('class="prompt"')
    expect(out.console).toBe('Ctrl+P Ctrl+Q\nread escape sequence\nq')
  })
})

describe('determinism', () => {
  it('renders the same bytes from the same captures, screens computed again each time', async () => {
    const output = readFileSync(path.join(import.meta.dirname, 'fixtures', 'terminal-screen', 'vi', 'output.txt'), 'utf8')
    const { p, r } = oneCommand(output, { tail: 5 }, {}, 'en', { terminal: { cols: 80, rows: 24 } })
    const first = await rendered(p, r)
    const second = await rendered(p, r)
    expect(second.page).toBe(first.page)
    expect(second.md).toBe(first.md)
    expect(first.console).toBe(['$ cmd', '… 18 lines cut', ...Array(5).fill('~')].join('\n'))
  })
})
