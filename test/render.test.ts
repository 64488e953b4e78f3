// Render stage: hand-built trees, plans and runs → HTML and Markdown; then a fixture lesson
// (parsed and planned for real) through renderSite into a temporary folder.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseLesson } from '../src/parse/index.js'
import type { ExecCommand } from '../src/parse/types.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'
import type { LessonPlan } from '../src/plan/types.js'
import {
  createCommandHighlighter, createTranslator, lessonContext, lessonHtml, lessonMarkdown, listedPage, loadCatalogs, loadTemplates, renderSite, type SiteEnv,
} from '../src/render/index.js'
import type { CellCapture, LessonRun } from '../src/captures/types.js'
import { capture, cell, exec, execBlock, execInline, paragraph, plan, run } from './hand-built-lessons.js'

const templatesDir = path.join(import.meta.dirname, '..', 'templates')
const fixtureDir = path.join(import.meta.dirname, 'fixtures', 'render', 'namespaces')
let env: SiteEnv
beforeAll(async () => {
  env = { templates: await loadTemplates(templatesDir), catalogs: await loadCatalogs(templatesDir), highlighter: createCommandHighlighter() }
})
const html = async (p: LessonPlan, r?: LessonRun, locales: string[] = [p.locale]) => lessonHtml(await lessonContext(p, r, createTranslator(p.locale, env.catalogs)), locales, env)
const markdown = async (p: LessonPlan, r?: LessonRun) => lessonMarkdown(await lessonContext(p, r, createTranslator(p.locale, env.catalogs)))

/** One console block running `command` with `output`, as a plan and a run. */
function oneCommand(output: string, extra: Partial<CellCapture> = {}, locale = 'en') {
  const p = plan([execBlock(exec('c1', 'cmd'))], [cell('c1', 'cmd')], locale)
  return { p, r: run([capture('c1', 'cmd', output, extra)]) }
}

describe('terminal output', () => {
  it('escapes output: a <script> in it is text, never a tag', async () => {
    const { p, r } = oneCommand('<script>alert(1)</script>\n<img src=x onerror=alert(2)>')
    const page = await html(p, r)
    expect(page).not.toContain('<script>alert(1)')
    expect(page).not.toContain('<img src=x')
    expect(page).toContain('&#x3C;script>alert(1)&#x3C;/script>')
  })

  it('shows NUL bytes as ␀ (with a title) and other controls visibly', async () => {
    const { p, r } = oneCommand('PATH=/bin\u0000HOME=/root\u0000bell\u0007\ttab\n')
    const page = await html(p, r)
    expect(page).toContain('PATH=/bin<span class="ctrl" title="NUL byte (\\0)">␀</span>HOME=/root')
    expect(page).toContain('<span class="ctrl" title="Control character U+0007">␇</span>\ttab')
    expect(page).not.toContain('\u0000')
    expect(await markdown(p, r)).toContain('PATH=/bin␀HOME=/root␀bell␇\ttab')
  })

  it('renders ANSI colours as styled spans and strips them from Markdown', async () => {
    const { p, r } = oneCommand('plain \u001b[31mred\u001b[0m \u001b[1;32mbold green\u001b[0m\u001b]0;title\u0007\n')
    const page = await html(p, r)
    expect(page).toContain('<span style="color:rgb(187, 0, 0)">red</span>')
    expect(page).toContain('<span class="ansi-bold" style="color:rgb(0, 187, 0)">bold green</span>')
    expect(page).not.toContain('title\u0007')
    expect(await markdown(p, r)).toContain('plain red bold green\n```')
  })

  it('highlights the command with shiki and adds a localized copy button', async () => {
    const { p, r } = oneCommand('ok', {}, 'fr')
    const page = await html(p, r)
    expect(page).toMatch(/<code class="command language-bash"><span style="color:#[0-9A-Fa-f]{6}">cmd<\/span><\/code>/)
    expect(page).toContain('<button type="button" class="copy" hidden title="Copier la commande" aria-label="Copier la commande" data-copied="Copié">Copier</button>')
  })
})

describe('commands', () => {
  it('fills placeholders of prompts from the run and shows the command as it ran, never the sample', async () => {
    const written: ExecCommand = { ...exec('c1', 'ls -l', '/proc/<shim_pid>/ns# '), sample: 'SAMPLE OUTPUT' }
    const p = plan([execBlock(written)], [cell('c1', 'ls -l')])
    const r = run([capture('c1', 'ls -l', 'real output\n', { cwd: '/proc/2817/ns' })], { shim_pid: '2817' })
    const page = await html(p, r)
    expect(page).toContain('<span class="prompt">/proc/2817/ns# </span>')
    expect(page).toContain('real output')
    expect(page).not.toContain('SAMPLE')
    expect(await markdown(p, r)).toContain('```console\n/proc/2817/ns# ls -l\nreal output\n```')
  })

  it('keeps an inline exec in its sentence and puts its terminal after the paragraph', async () => {
    const p = plan([paragraph('Find it with ', execInline(exec('c1', 'ps aux | grep <ppid>')), ' then read on.')], [cell('c1', 'ps aux | grep <ppid>')])
    const r = run([capture('c1', 'ps aux | grep 1055', 'root 1055 containerd\n')], { ppid: '1055' })
    const page = await html(p, r)
    expect(page).toContain('<p>Find it with <code class="exec">ps aux | grep 1055</code> then read on.</p>\n<figure class="terminal"')
    expect(page).toContain('<span class="prompt">$ </span>')
    const md = await markdown(p, r)
    expect(md).toContain('Find it with `ps aux | grep 1055` then read on.\n\n```console\n$ ps aux | grep 1055\nroot 1055 containerd\n```')
  })

  it('does not repeat a paragraph that is only a command above its terminal', async () => {
    const p = plan([paragraph(execInline(exec('c1', 'docker top db')), ' ')], [cell('c1', 'docker top db')])
    const r = run([capture('c1', 'docker top db', 'UID PID PPID\n')])
    expect(await html(p, r)).not.toContain('<code class="exec">')
    expect(await html(p, r)).toContain('<figure class="terminal"')
    expect(await markdown(p, r)).toContain('# Demo lesson\n\n```console\n$ docker top db\nUID PID PPID\n```')
  })

  it('leaves hidden cells out entirely', async () => {
    const p = plan(
      [execBlock(exec('c1', 'docker rm -f secret-box')), paragraph('Clean ', execInline(exec('c2', 'echo hidden-inline')), '.'), execBlock(exec('c3', 'echo shown'))],
      [cell('c1', 'docker rm -f secret-box', { hidden: true }), cell('c2', 'echo hidden-inline', { hidden: true }), cell('c3', 'echo shown')],
    )
    const r = run([capture('c1', 'docker rm -f secret-box', 'secret-box\n'), capture('c2', 'echo hidden-inline', 'hidden-inline\n'), capture('c3', 'echo shown', 'shown\n')])
    for (const out of [await html(p, r), await markdown(p, r)]) {
      expect(out).not.toContain('secret-box')
      expect(out).not.toContain('hidden-inline')
      expect(out).toContain('shown')
    }
  })

  it('says, in the page language, why a command failed', async () => {
    const { p, r } = oneCommand('grep: nothing\n', { status: 'failed', exitCode: 1 }, 'fr')
    expect(await html(p, r)).toContain('<p class="note note-failed">Code de sortie 1, 0 attendu</p>')
    expect(await markdown(p, r)).toContain('*Code de sortie 1, 0 attendu*')
    const timedOut = oneCommand('waiting…\n', { status: 'failed', exitCode: null, timedOut: true }, 'zh')
    expect(await html(timedOut.p, timedOut.r)).toContain('30 秒后超时')
  })

  it('notes skipped, truncated and norun commands', async () => {
    const p = plan(
      [execBlock(exec('c1', 'seq 100000'), exec('c2', 'echo after'), exec('c3', 'rm -rf /tmp/x'))],
      [cell('c1', 'seq 100000'), cell('c2', 'echo after'), cell('c3', 'rm -rf /tmp/x', { norun: true })],
    )
    const r = run([
      capture('c1', 'seq 100000', '1\n2\n', { truncated: true }),
      capture('c2', 'echo after', '', { status: 'skipped', exitCode: null }),
      capture('c3', 'rm -rf /tmp/x', '', { status: 'norun', exitCode: null }),
    ])
    const page = await html(p, r)
    expect(page).toContain('Output truncated at the size limit')
    expect(page).toContain('<p class="note note-skipped">Not run: an earlier command failed</p>')
    const norun = /<div class="entry status-norun"[^]*?<\/figure>/.exec(page)?.[0] ?? ''
    expect(norun).toContain('/tmp/x</span></code>')
    expect(norun).not.toContain('class="output"')
    expect(await markdown(p, r)).toContain('`echo after` *Not run: an earlier command failed*')
  })

  it('labels every terminal block, visibly and for screen readers, and in the Markdown: captured, or as written', async () => {
    const p = plan(
      [execBlock(exec('c1', 'echo ran')), execBlock(exec('c2', 'rm -rf /tmp/x'))],
      [cell('c1', 'echo ran'), cell('c2', 'rm -rf /tmp/x', { norun: true })],
    )
    const r = run([capture('c1', 'echo ran', 'ran\n'), capture('c2', 'rm -rf /tmp/x', '', { status: 'norun', exitCode: null })])
    const figures = (await html(p, r)).match(/<figure[^>]*>[^]*?<\/figure>/g) ?? []
    expect(figures).toHaveLength(2)
    expect(figures[0]).toMatch(/^<figure class="terminal" aria-label="Terminal: Captured output"><figcaption class="truth truth-captured">Captured output<\/figcaption>/)
    expect(figures[1]).toMatch(/^<figure class="terminal" aria-label="Terminal: As written, not run"><figcaption class="truth truth-as-written">As written, not run<\/figcaption>/)
    // The Markdown says it too: a block with no output would read as a command that printed nothing.
    const md = await markdown(p, r)
    expect(md).toContain('```console\n$ rm -rf /tmp/x\n```\n\n*As written, not run*')
    expect(md).not.toContain('$ echo ran\nran\n```\n\n*As written')
  })

  it('labels a block that does not run but looks like a transcript: as written, not run', async () => {
    const p = plan([{ type: 'code', lang: 'text', meta: null, value: 'root@host:~# docker run -d redis\n0f1e2d3c4b5a' }, { type: 'code', lang: 'yaml', meta: null, value: 'a: 1' }], [])
    const page = await html(p, run([]))
    expect(page).toMatch(/<figure class="as-written" aria-label="As written, not run"><figcaption class="truth truth-as-written">As written, not run<\/figcaption><pre><code class="language-text">root@host:~# docker run -d redis\n0f1e2d3c4b5a\n?<\/code><\/pre><\/figure>/)
    expect(page).toMatch(/<pre><code class="language-yaml">a: 1\n?<\/code><\/pre>/)
    expect(page.match(/as-written/g)).toHaveLength(2)
  })

  it('shows a masked secret as a localized mark', async () => {
    const p = plan([execBlock(exec('c1', 'cat creds'))], [cell('c1', 'cat creds')])
    const r = run([capture('c1', 'cat creds', 'key=⟦redacted:aws-access-key-id:1⟧\n')])
    expect(await html(p, r)).toContain('key=<span class="redacted" title="A secret (aws-access-key-id) was masked here before publishing">secret 1 redacted</span>')
    expect(await markdown(p, r)).toContain('key=[secret 1 redacted]')
  })

  it('fills a prompt\'s placeholders for a command that ran, never for a norun one', async () => {
    const p = plan(
      [execBlock(exec('c1', 'ls', '/proc/<pid>/ns# '), exec('c2', 'kill <pid>', '/proc/<pid>/ns# '))],
      [cell('c1', 'ls'), cell('c2', 'kill <pid>', { norun: true })],
    )
    const r = run([capture('c1', 'ls', 'net\n'), capture('c2', 'kill <pid>', '', { status: 'norun', exitCode: null })], { pid: '42' })
    const page = await markdown(p, r)
    expect(page).toContain('/proc/42/ns# ls')
    expect(page).toContain('/proc/<pid>/ns# kill <pid>')
  })

  it('renders :val as the live value, and a visible placeholder when missing', async () => {
    const p = plan([paragraph('The shim is ', { type: 'val', name: 'shim_pid' }, ', the box ', { type: 'val', name: 'box' }, '.')], [])
    const r = run([], { shim_pid: '2817' })
    expect(await html(p, r)).toContain('The shim is <span class="val" title="shim_pid">2817</span>, the box <span class="val val-missing" title="No captured value for box">⟨box⟩</span>.')
    expect(await markdown(p, r)).toContain('The shim is 2817, the box ⟨box⟩.')
  })

  it('lengthens Markdown fences when the output holds backticks', async () => {
    const { p, r } = oneCommand('```\ncode\n```\n')
    expect(await markdown(p, r)).toContain('````console\n$ cmd\n```\ncode\n```\n````')
  })

  it('renders a lesson that never ran: commands shown, a notice, no provenance', async () => {
    const p = plan([execBlock(exec('c1', 'docker ps'))], [cell('c1', 'docker ps')], 'zh')
    const page = await html(p)
    expect(page).toContain('<p class="notice" role="note">本课程尚未运行：仅显示命令，没有输出。</p>')
    expect(page).toContain('<span style="color:#B392F0">docker</span> <span style="color:#9ECBFF">ps</span>')
    expect(page).not.toContain('class="provenance"')
    expect(await markdown(p)).toContain('*本课程尚未运行：仅显示命令，没有输出。*')
  })
})

describe('pages', () => {
  it('sets <html lang> and localizes the provenance, stand-ins marked', async () => {
    const { p, r } = oneCommand('x', {}, 'zh')
    const page = await html(p, r)
    expect(page).toContain('<html lang="zh">')
    expect(page).toContain('输出捕获于 2025年6月11日 05:42（UTC），Docker 26.1.5，Linux 内核 6.1.0-18-amd64')
    expect(page).toContain('<code>redis:alpine</code> <code class="image-id">0123456789ab</code> <span class="stand-in">离线使用 Debian 软件包构建的替代镜像</span>')
    expect(page).toContain('<li><code>busybox</code> <code class="image-id">fedcba987654</code></li>')
  })

  it('links translations with hreflang only when there are several', async () => {
    const { p, r } = oneCommand('x', {}, 'fr')
    const page = await html(p, r, ['fr', 'zh'])
    expect(page).toContain('<link rel="alternate" hreflang="zh" href="../../zh/demo/index.html">')
    expect(page).toContain('<link rel="alternate" hreflang="fr" href="../../fr/demo/index.html">')
    expect(page).toContain('<link rel="alternate" hreflang="x-default" href="../../fr/demo/index.html">')
    // The language switcher keeps the reader on this lesson.
    expect(page).toContain('<a href="../../zh/demo/index.html" hreflang="zh" lang="zh">中文</a>')
    expect(await html(p, r)).not.toContain('hreflang')
  })
})

// --- a real lesson through parse, plan and renderSite --------------------------------

describe('renderSite', () => {
  let out: string
  let files: string[]
  let again: string[]
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'shellbook-render-'))
    const configFile = new VFile({ path: 'lesson.yaml', value: await readFile(path.join(fixtureDir, 'lesson.yaml'), 'utf8') })
    const config = loadConfig(configFile)!
    const lessons = []
    for (const [locale, runFile] of [['zh', 'run.json'], ['fr', 'run.fr.json']] as const) {
      const file = new VFile({ path: `${locale}.md`, value: await readFile(path.join(fixtureDir, `${locale}.md`), 'utf8') })
      const tree = await parseLesson(file)
      const p = planLesson({ slug: 'namespaces', locale, file, tree, config, configFile })
      expect(file.messages.map(String)).toEqual([])
      lessons.push({ plan: p, run: JSON.parse(await readFile(path.join(fixtureDir, runFile), 'utf8')) as LessonRun })
    }
    const broken = plan([execBlock(exec('c1', 'docker ps'))], [cell('c1', 'docker ps')], 'en')
    lessons.push({ plan: { ...broken, slug: 'broken' } })
    files = (await renderSite({ lessons, outDir: out, templatesDir })).files.map((file) => path.relative(out, file))
    again = (await renderSite({ lessons, outDir: out, templatesDir })).files
  })
  afterAll(() => rm(out, { recursive: true, force: true }))
  const read = (file: string) => readFile(path.join(out, file), 'utf8')

  it('writes every page, index, Markdown file and asset, and no temporary file', async () => {
    expect(files.sort()).toEqual([
      'md/en/broken.md', 'md/fr/namespaces.md', 'md/zh/namespaces.md',
      'site/404.html',
      'site/assets/choose-language.js', 'site/assets/copy.js', 'site/assets/favicon.svg', 'site/assets/search.js', 'site/assets/shellbook.css', 'site/assets/theme.js',
      'site/en/broken/index.html', 'site/en/index.html', 'site/fr/index.html', 'site/fr/namespaces/index.html',
      'site/index.html', 'site/pagefind', 'site/sitemap.xml', 'site/zh/index.html', 'site/zh/namespaces/index.html',
    ])
    expect((await readdir(path.join(out, 'site', 'zh', 'namespaces'))).filter((name) => name.endsWith('.tmp'))).toEqual([])
    // The same inputs again: nothing is rendered or written, the search index included.
    expect(again).toEqual([])
  })

  it('renders the Chinese console lesson with real output and filled prompts', async () => {
    const page = await read('site/zh/namespaces/index.html')
    expect(page).toContain('<html lang="zh">')
    expect(page).toContain('<title>container之于进程 · shellbook</title>')
    expect(page).toContain('<span class="prompt">/proc/2817/ns# </span>')
    expect(page).toContain('shim 进程的 PID 是 <span class="val" title="shim_pid">2817</span>')
    expect(page).toContain('<span style="color:rgb(0, 187, 0)">4f1c2a9d0e7b</span>')
    expect(page).not.toContain('docker rm -f box')
    expect(page).toContain('<link rel="alternate" hreflang="fr" href="../../fr/namespaces/index.html">')
    expect(page).toContain('href="../../assets/shellbook.css"')
  })

  it('writes Markdown with console blocks of real output and no Katacoda markers', async () => {
    const fr = await read('md/fr/namespaces.md')
    expect(fr).not.toContain('{{execute}}')
    expect(fr).toContain('Lancez le conteneur `docker run -it -d --name box busybox` puis regardez son processus parent, 2817.')
    expect(fr).toContain('  ```console\n  $ cat /proc/2817/environ\n  PATH=/usr/bin␀HOSTNAME=4f1c2a9d0e7b␀HOME=/root␀\n  ```')
    expect(fr).toContain('- Listez ses namespaces : `ls /proc/2817/ns`\n  ```console\n  $ ls /proc/2817/ns\n  cgroup  ipc')
    expect(fr).toContain('Sortie capturée le 11 juin 2025 à 05:42 (UTC)')
    expect(fr).toContain('substitut construit hors ligne à partir de paquets Debian')
    const zh = await read('md/zh/namespaces.md')
    expect(zh).toContain('```console\n/proc/2817/ns# ls\ncgroup  ipc  mnt  net  pid  pid_for_children  time  user  uts\n```')
    expect(zh).not.toContain('docker rm -f box')
  })

  it('writes a per-locale index and a root page listing languages, all relative', async () => {
    const index = await read('site/fr/index.html')
    expect(index).toContain('<html lang="fr">')
    expect(index).toContain('<a href="namespaces/index.html">Un conteneur n&#x27;est qu&#x27;un processus</a>')
    // Each lesson links its other locales, named in their own language.
    expect(index).toContain('<p class="also-in">aussi en <a href="../zh/namespaces/index.html" hreflang="zh" lang="zh">中文</a></p>')
    expect(await read('site/en/index.html')).not.toContain('also-in')
    const root = await read('site/index.html')
    expect(root).toContain('<a href="zh/index.html" hreflang="zh">中文</a> <span class="count">1 节课</span>')
    expect(root).toContain('<a href="fr/index.html" hreflang="fr">Français</a> <span class="count">1 leçon</span>')
    expect(root).not.toMatch(/href="\//)
    expect(await read('site/en/broken/index.html')).toContain('This lesson has not been run yet')
  })
})

describe('the search index', () => {
  it('holds every lesson page after a build that rendered only some: the others are read from disk', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-search-'))
    try {
      const alpha = oneCommand('alpha output\n')
      const beta = oneCommand('beta output\n')
      const lessons = [{ plan: { ...alpha.p, slug: 'alpha' }, run: alpha.r }, { plan: { ...beta.p, slug: 'beta' }, run: beta.r }]
      const entry = async () => JSON.parse(await readFile(path.join(out, 'site', 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string; page_count: number }> }
      await renderSite({ lessons, outDir: out, templatesDir })
      const first = await entry()
      expect(first.languages.en?.page_count).toBe(2)
      // beta alone, retitled; alpha is only listed, as a build of some lessons lists the others.
      const retitled = { plan: { ...lessons[1]!.plan, title: 'Beta, retitled' }, run: beta.r }
      const { files } = await renderSite({ lessons: [retitled], outDir: out, templatesDir, listedToo: [listedPage(lessons[0]!.plan)] })
      expect(files.map((file) => path.relative(out, file))).toContain('site/pagefind')
      const second = await entry()
      expect(second.languages.en?.page_count).toBe(2)
      expect(second.languages.en?.hash).not.toBe(first.languages.en?.hash)
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })
})

describe('a lesson typed into several terminals', () => {
  const twoTerminals = () => {
    const p = plan([execBlock(exec('c1', 'watch docker ps')), execBlock(exec('c2', 'docker run -d nginx'))], [cell('c1', 'watch docker ps', { session: '2' }), cell('c2', 'docker run -d nginx')])
    return { p, r: run([capture('c1', 'watch docker ps', 'Every 2.0s: docker ps\n'), capture('c2', 'docker run -d nginx', 'abc123\n')]) }
  }
  it('names each block\'s terminal, in the page and in the Markdown fence\'s title', async () => {
    const { p, r } = twoTerminals()
    const page = await html(p, r)
    expect(page).toContain('<figcaption class="truth truth-captured">Captured output · terminal 2</figcaption>')
    expect(page).toContain('<figcaption class="truth truth-captured">Captured output · terminal 1</figcaption>')
    const md = await markdown(p, r)
    expect(md).toContain('```console title="terminal 2"\n$ watch docker ps\n')
    expect(md).toContain('```console title="terminal 1"\n$ docker run -d nginx\n')
  })
  it('names none in a lesson of one terminal', async () => {
    const { p, r } = oneCommand('ok\n')
    expect(await html(p, r)).not.toContain(' · terminal')
    expect(await markdown(p, r)).toContain('```console\n$ cmd\n')
  })
})
