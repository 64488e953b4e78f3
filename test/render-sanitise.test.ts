// Prose is sanitised with one policy in both outputs: a fixture lesson with hostile and
// Katacoda-style HTML (parsed and planned for real) rendered as a page and as Markdown;
// then smaller lessons for the corners. The Markdown is also rendered as a naive host would
// (HTML allowed, no sanitiser of its own), and that must be just as safe.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Root as HastRoot } from 'hast'
import { raw } from 'hast-util-raw'
import { toHtml } from 'hast-util-to-html'
import { toHast } from 'mdast-util-to-hast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { beforeAll, describe, expect, it } from 'vitest'
import type { LessonRun } from '../src/captures/types.js'
import { parseLesson } from '../src/parse/index.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'
import { createCommandHighlighter, createTranslator, lessonContext, lessonHtml, lessonMarkdown, loadCatalogs, loadTemplates, type SiteEnv } from '../src/render/index.js'

const templatesDir = path.join(import.meta.dirname, '..', 'templates')
const fixtureDir = path.join(import.meta.dirname, 'fixtures', 'render', 'sanitise')

let env: SiteEnv
beforeAll(async () => {
  env = { templates: await loadTemplates(templatesDir), catalogs: await loadCatalogs(templatesDir), highlighter: createCommandHighlighter() }
})

/** A lesson's page and Markdown, from its Markdown text (and a run, if any). */
async function render(markdown: string, run?: LessonRun, yaml = 'title: {en: Prose}\n') {
  const configFile = new VFile({ path: 'lesson.yaml', value: yaml })
  const config = loadConfig(configFile)!
  const file = new VFile({ path: 'en.md', value: markdown })
  const plan = planLesson({ slug: 'prose', locale: 'en', file, tree: await parseLesson(file), config, configFile })
  expect([...configFile.messages, ...file.messages].filter((message) => message.fatal).map(String)).toEqual([])
  const ctx = await lessonContext(plan, run, createTranslator('en', env.catalogs))
  const md = lessonMarkdown(ctx)
  // The lesson's part of the page: the layout around it has scripts of its own (copy.js).
  const html = /<article class="lesson"[^>]*>[^]*<\/article>/.exec(lessonHtml(ctx, ['en'], env))?.[0] ?? ''
  return { html, md, hostHtml: naiveHost(md) }
}

/** What a Markdown host that allows HTML and sanitises nothing would make of `md`. */
function naiveHost(md: string): string {
  const mdast = unified().use(remarkParse).parse(md)
  return toHtml(raw(toHast(mdast, { allowDangerousHtml: true })) as HastRoot)
}

/** No script, no event handler, and every URL http(s), mailto or relative. */
function expectSafe(html: string): void {
  expect(html).not.toMatch(/<script/i)
  expect(html).not.toMatch(/\son[a-z]+=/i)
  for (const [, url] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) expect(url).toMatch(/^(?:https?:|mailto:|[^:/?#]*(?:[/?#]|$))/)
}

describe('a lesson with hostile and Katacoda-style prose', () => {
  let out: { html: string; md: string; hostHtml: string }
  beforeAll(async () => {
    const run = JSON.parse(await readFile(path.join(fixtureDir, 'run.json'), 'utf8')) as LessonRun
    out = await render(await readFile(path.join(fixtureDir, 'en.md'), 'utf8'), run, await readFile(path.join(fixtureDir, 'lesson.yaml'), 'utf8'))
  })

  it('leaves no script, handler or bad URL in either output', () => {
    for (const text of [out.html, out.md, out.hostHtml]) {
      expect(text).not.toContain('javascript:')
      expect(text).not.toContain('vbscript:')
      expect(text).not.toContain('data:')
      expect(text).not.toContain('<script')
      expect(text).not.toContain('alert(4)')
      expect(text).not.toContain('onerror')
    }
    expectSafe(out.html)
    expectSafe(out.hostHtml)
  })

  it('keeps the text of refused links and the elements of refused attributes', () => {
    expect(out.html).toContain('A bad <a>x</a> link, a raw <a>anchor</a> and <img src="x">.')
    expect(out.md).toContain('A bad x link, a raw <a>anchor</a> and <img src="x">.')
    expect(out.html).toContain('<img alt="pixel">,\n<a>d</a> and <a>v</a>.')
    expect(out.md).toContain('pixel,\nd and v.')
  })

  it('keeps good links: http(s), relative and mailto', () => {
    expect(out.html).toContain('<a href="https://example.org">ok</a>, <a href="../other/">rel</a>, <a href="mailto:a@b.c">m</a>')
    expect(out.md).toContain('[ok](https://example.org), [rel](../other/), [m](mailto:a@b.c)')
  })

  it('puts the solution\'s terminal inside <details>, in both outputs', () => {
    expect(out.html).toMatch(/<details>\n<summary>Solution<\/summary>\n<figure class="terminal"[^]*?echo[^]*?solved<\/samp><\/pre><\/div><\/div><\/div><\/figure>\n<\/details>/)
    expect(out.md).toContain('<details>\n<summary>Solution</summary>\n\n```console\n$ echo solved\nsolved\n```\n\n</details>')
    expect(out.hostHtml).toMatch(/<details>\n<summary>Solution<\/summary>\n<pre><code class="language-console">\$ echo solved\nsolved\n<\/code><\/pre>\n<\/details>/)
  })

  it('keeps <kbd>, <br> and <pre>', () => {
    expect(out.html).toContain('<p>Stop it with <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br>Then read on.</p>')
    expect(out.md).toContain('Stop it with <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br>Then read on.')
    expect(out.html).toContain('<pre>$ shown, not run &#x26; kept as written\n</pre>')
    expect(out.md).toContain('<pre>\n$ shown, not run &amp; kept as written\n</pre>')
  })

  it('still renders shellbook\'s own markup: ANSI colours, shiki styles, the copy button', () => {
    expect(out.html).toContain('<span style="color:rgb(0, 187, 0)">4f1c2a9d0e7b</span>   web')
    expect(out.html).toMatch(/<code class="command language-bash"><span style="color:#[0-9A-F]{6}">docker<\/span>/)
    expect(out.html).toContain('<button type="button" class="copy" hidden')
    expect(out.html.match(/<figure class="terminal"/g)).toHaveLength(2)
    expect(out.md).toContain('```console\n$ docker ps\nCONTAINER ID   NAMES\n4f1c2a9d0e7b   web\n```')
  })
})

describe('corners of the policy', () => {
  it('drops a <script> and its content when its tags are apart, inline', async () => {
    const { html, md } = await render('Before <script>alert(1)</script> after `echo hi`{{execute}}.\n')
    for (const text of [html, md]) {
      expect(text).not.toContain('alert(1)')
      expect(text).toContain('echo hi')
    }
  })

  it('drops the content of style, noscript and comments, terminals inside them too', async () => {
    const { html, md } = await render('<style>body{display:none}</style>\n\n<noscript>\n\n```bash\n$ echo hidden-away\n```\n\n</noscript>\n\n<!-- a note -->\n\nEnd.\n')
    for (const text of [html, md]) {
      expect(text).not.toContain('display:none')
      expect(text).not.toContain('hidden-away')
      expect(text).not.toContain('a note')
      expect(text).toContain('End.')
    }
  })

  it('refuses javascript: however it is spelled, and autolinks to it', async () => {
    const { html, md, hostHtml } = await render(
      '<javascript:alert(1)> <a href="JaVaScRiPt:alert(2)">A</a> <a href="java&#x09;script:alert(3)">B</a> <a href=" javascript:alert(4)">C</a> [D](<java\tscript:alert(5)>)\n',
    )
    expectSafe(html)
    expectSafe(hostHtml)
    expect(html).toContain('<a>javascript:alert(1)</a> <a>A</a> <a>B</a> <a>C</a>')
    expect(md).not.toMatch(/href=|\]\(|<java/i)
  })

  it('never lets a host read text from dropped HTML as a Markdown link', async () => {
    const { html, md, hostHtml } = await render('<center>\n[x](javascript:alert(1)) and <b onclick="alert(2)">bold</b>\n</center>\n')
    expectSafe(html)
    expectSafe(hostHtml)
    expect(hostHtml).not.toContain('<a')
    expect(md).toContain('<b>bold</b>')
  })

  it('refuses bad URLs given by definitions, keeping the text', async () => {
    const { html, md } = await render('[r][bad], ![i][img] and [good][ok].\n\n[bad]: javascript:alert(1)\n[img]: data:image/png;base64,AAAA\n[ok]: https://example.org/ok\n')
    expect(html).toContain('<a>r</a>, <img alt="i"> and <a href="https://example.org/ok">good</a>.')
    expect(md).toContain('r, i and [good][ok].\n\n[ok]: https://example.org/ok')
    expect(md).not.toContain('[bad]')
  })

  it('keeps the attributes lessons use, drops style and shellbook\'s classes', async () => {
    const { html, md } = await render(
      '<details open><summary>Open</summary>Body</details>\n\n<img src="https://example.org/y.png" alt="diagram" title="t" width="10" height="5">\n\n'
      + 'A <span style="position:fixed" class="val">fake</span> <code class="exec">value</code>.\n\n<figure class="terminal"><pre class="output"><samp>fake output</samp></pre></figure>\n',
    )
    for (const text of [html, md]) {
      expect(text).toContain('<details open><summary>Open</summary>Body</details>')
      expect(text).toContain('<img src="https://example.org/y.png" alt="diagram" title="t" width="10" height="5">')
      expect(text).toContain('A <span>fake</span> <code>value</code>.')
      expect(text).not.toContain('position:fixed')
      expect(text).not.toMatch(/class="(?:terminal|output|val|exec)"/)
    }
  })

  it('cannot forge a placeholder for shellbook\'s own nodes', async () => {
    const { html } = await render('Look: `echo real`{{execute}}\n\n<shellbook-slot data-slot="0"></shellbook-slot> <shellbook-slot data-slot="x-0"></shellbook-slot>\n')
    expect(html.match(/<figure class="terminal"/g)).toHaveLength(1)
    expect(html).not.toContain('shellbook-slot')
  })

  it('prefixes ids in pages and follows them with same-page links; Markdown keeps them', async () => {
    const { html, md } = await render('<a id="step-2"></a>Step two, see [above](#step-2) or [elsewhere](#nowhere).\n')
    expect(html).toContain('<a id="user-content-step-2"></a>Step two, see <a href="#user-content-step-2">above</a> or <a href="#nowhere">elsewhere</a>.')
    expect(md).toContain('<a id="step-2"></a>Step two, see [above](#step-2)')
  })

  it('leaves prose that only shows HTML as text: escaped tags and code', async () => {
    const { html, md } = await render('Type \\<script> or `<script>alert(1)</script>`, never run them.\n')
    expect(html).toContain('<p>Type &#x3C;script> or <code>&#x3C;script>alert(1)&#x3C;/script></code>, never run them.</p>')
    expect(md).toContain('Type \\<script> or `<script>alert(1)</script>`, never run them.')
  })

  it('keeps tables and their cells', async () => {
    const { html, md } = await render('<table><tr><th>Key</th><td onclick="x()">Ctrl-C</td></tr></table>\n')
    expect(html).toContain('<table><tbody><tr><th>Key</th><td>Ctrl-C</td></tr></tbody></table>')
    expect(md).toContain('<table><tr><th>Key</th><td>Ctrl-C</td></tr></table>')
  })
})
