/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The built site in a real browser (Debian's chromium through playwright-core), served on
// loopback under a base path as GitHub Pages would: every page loads cleanly, Copy copies,
// search finds captured output and words in each language, the language switcher keeps the
// lesson, dark mode toggles and is remembered, axe finds nothing serious, and at phone widths
// nothing covers a command. Screenshots of each locale, light and dark, go to out/screenshots/.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumArgs, chromiumPath, skipWithoutBrowser } from './browser-required.js'
import { serveSite, type StaticSite } from './static-server.js'

const root = path.resolve(import.meta.dirname, '../..')
const screenshots = path.join(root, 'out', 'screenshots')
const slug = 'container-namespaces'

function shellbook(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [path.join(root, 'bin/shellbook.js'), ...args], { cwd: root }, (error, _stdout, stderr) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr }))
  })
}

async function htmlPages(dir: string, under = ''): Promise<string[]> {
  const pages: string[] = []
  for (const entry of await readdir(path.join(dir, under), { withFileTypes: true })) {
    const relative = path.posix.join(under, entry.name)
    if (entry.isDirectory() && entry.name !== 'pagefind') pages.push(...(await htmlPages(dir, relative)))
    else if (entry.name.endsWith('.html')) pages.push(relative)
  }
  return pages.sort()
}

describe.skipIf(skipWithoutBrowser)('the built site in a browser', () => {
  let site: StaticSite
  let browser: Browser
  let out: string

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'shellbook-site-'))
    // Frozen captures only: no engine needed, as a translator's build.
    const built = await shellbook(['build', '--out', out, '--base', '/docs/', '--site-url', 'https://lessons.example.org'])
    expect(built.stderr).not.toMatch(/ error /)
    expect(built.code).toBe(0)
    site = await serveSite(path.join(out, 'site'), '/docs/')
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    await mkdir(screenshots, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  async function open(address: string, options: { width?: number; dark?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.dark ? 'dark' : 'light' })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()) })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(new URL(address, site.url).href, { waitUntil: 'load' })
    return { page, problems }
  }

  it('loads every page with no console error, and serves the 404 page for what is not there', async () => {
    const pages = await htmlPages(path.join(out, 'site'))
    expect(pages).toContain(`zh/${slug}/index.html`)
    expect(pages).toContain('404.html')
    for (const address of pages.filter((name) => name !== '404.html')) {
      const { page, problems } = await open(address)
      expect(problems, address).toEqual([])
      await page.context().close()
    }
    const { page } = await open('fr/no-such-lesson/')
    expect(await page.locator('section.not-found[lang=fr] a').getAttribute('href')).toBe('/docs/fr/index.html')
    await page.context().close()
  })

  it('copies the command beside the Copy button', async () => {
    const { page } = await open(`fr/${slug}/index.html`)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin })
    const entry = page.locator('figure.terminal .entry').first()
    const command = await entry.locator('code.command').textContent()
    await entry.locator('button.copy').click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command)
    await page.context().close()
  })

  it('finds a captured PID and a Chinese sentence cut into words on zh, captured output on en, a French word on fr', async () => {
    const captures = JSON.parse(await readFile(path.join(root, 'lessons', slug, 'captures.json'), 'utf8')) as { executions: Array<{ cells: Array<{ command: string; output: string[] }> }> }
    const ps = captures.executions[0]!.cells.find((cell) => cell.command === 'ps -aux')!
    const pid = ps.output.map((line) => line.trim().split(/\s+/)[1] ?? '').filter((field) => /^\d{3,}$/.test(field)).at(-1)!
    expect(pid).toMatch(/^\d{3,}$/)
    const search = async (locale: string, query: string) => {
      const { page } = await open(`${locale}/index.html`)
      await page.locator('form.search input').fill(query)
      const hit = page.locator('.search-results a').first()
      await hit.waitFor({ timeout: 10_000 })
      const href = await hit.getAttribute('href')
      await page.context().close()
      return href
    }
    expect(await search('zh', pid)).toMatch(new RegExp(`^/docs/zh/[\\w-]+/index\\.html`))
    // A sentence with no spaces: found only when cut into words (命名空间 is not in these lessons; 宿主机 and 进程 are).
    expect(await search('zh', '宿主机上的进程')).toMatch(/^\/docs\/zh\/container-(namespaces|processes)\/index\.html/)
    expect(await search('en', 'containerd-shim')).toMatch(/^\/docs\/en\/[\w-]+\/index\.html/)
    expect(await search('fr', 'conteneur')).toMatch(/^\/docs\/fr\/[\w-]+\/index\.html/)
  })

  it('keeps the lesson when switching language, and remembers dark mode', async () => {
    const { page } = await open(`fr/${slug}/index.html`)
    await page.locator('.languages-switch a[hreflang=zh]').click()
    await page.waitForURL(`**/docs/zh/${slug}/index.html`)
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(await background()).toBe('rgb(255, 255, 255)')
    await page.locator('button.theme-toggle').click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await background()).toBe('rgb(13, 17, 23)')
    await page.reload()
    expect(await background()).toBe('rgb(13, 17, 23)')
    expect(await page.locator('button.theme-toggle').getAttribute('aria-pressed')).toBe('true')
    await page.context().close()
  })

  it('has no serious or critical accessibility violation, light or dark, and writes screenshots', async () => {
    for (const locale of ['en', 'fr', 'zh']) {
      for (const dark of [false, true]) {
        const { page } = await open(`${locale}/${slug}/index.html`, { dark })
        const results = await new AxeBuilder({ page }).analyze()
        const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`), `${locale} ${dark ? 'dark' : 'light'}`).toEqual([])
        await page.screenshot({ path: path.join(screenshots, `${locale}-${slug}-${dark ? 'dark' : 'light'}.png`), fullPage: false })
        await page.context().close()
      }
    }
  })

  it('lets nothing cover a command at 390 and 320 px, and scrolls each terminal block as one', async () => {
    for (const width of [390, 320]) {
      const { page } = await open(`zh/${slug}/index.html`, { width })
      // Every point of every command's text: the topmost element there is the command itself.
      const covered = await page.evaluate(() => {
        const found: string[] = []
        for (const code of document.querySelectorAll('code.command')) {
          code.scrollIntoView({ block: 'center', inline: 'nearest' })
          // What the block's own scroll region hides is not covered: it is a scroll away.
          const clip = (code.closest('.screen') ?? document.body).getBoundingClientRect()
          const range = document.createRange()
          range.selectNodeContents(code)
          for (const rect of range.getClientRects()) {
            for (const x of [rect.left + 1, (rect.left + rect.right) / 2, rect.right - 1]) {
              if (x < Math.max(0, clip.left) || x > Math.min(window.innerWidth, clip.right)) continue
              const top = document.elementFromPoint(x, (rect.top + rect.bottom) / 2)
              if (top && !code.contains(top)) found.push(`${code.textContent} under ${top.tagName}.${top.className}`)
            }
          }
        }
        return found
      })
      expect(covered).toEqual([])
      // Wherever a block is scrolled, a command with any of its text in sight has its Copy button in sight: never a scroll away.
      const outOfSight = await page.evaluate(() => [...document.querySelectorAll('button.copy')].flatMap((button) => {
        const screen = button.closest('.screen')!
        const code = button.parentElement!.querySelector('code.command')!
        const found: string[] = []
        for (const scroll of [0, screen.scrollWidth / 2, screen.scrollWidth]) {
          screen.scrollLeft = scroll
          const [b, c, s] = [button.getBoundingClientRect(), code.getBoundingClientRect(), screen.getBoundingClientRect()]
          const commandInSight = c.right > s.left && c.left < s.right
          if (commandInSight && (b.left < s.left - 0.5 || b.right > s.right + 0.5)) found.push(`${code.textContent ?? ''} at scroll ${screen.scrollLeft}`)
        }
        screen.scrollLeft = 0
        return found
      }))
      expect(outOfSight).toEqual([])
      const scrollers = await page.evaluate(() => [...document.querySelectorAll('figure.terminal')].map((figure) => [...figure.querySelectorAll('*')].filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX)).length))
      expect(scrollers.every((count) => count === 1)).toBe(true)
      if (width === 390) await page.screenshot({ path: path.join(screenshots, `zh-${slug}-390px.png`), fullPage: false })
      await page.context().close()
    }
  })
})
