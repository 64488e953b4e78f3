/// <reference lib="dom" />
// `shellbook dev` in a real browser: a prose edit reloads the open page with the new text (the
// median of 10 is printed), a bad edit shows an overlay with file:line and the rule, fixing it
// reloads again, and Ctrl-C ends the server with exit 0. Frozen captures: no engine needed.
import { spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumArgs, chromiumPath, skipWithoutBrowser } from './browser-required.js'

const root = path.resolve(import.meta.dirname, '../..')
const slug = 'container-processes'

describe.skipIf(skipWithoutBrowser)('shellbook dev', () => {
  let work: string
  let dev: ChildProcess
  let url: string
  let stderr = ''
  let browser: Browser

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'shellbook-dev-'))
    await cp(path.join(root, 'lessons', slug), path.join(work, 'lessons', slug), { recursive: true })
    dev = spawn('node', [path.join(root, 'bin/shellbook.js'), 'dev', '--port', '0'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] })
    url = await new Promise<string>((resolve, reject) => {
      dev.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        const serving = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)
        if (serving) resolve(serving[1]!)
      })
      dev.once('exit', (code) => reject(new Error(`dev exited ${code}: ${stderr}`)))
    })
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  })
  afterAll(async () => {
    await browser?.close()
    if (dev && dev.exitCode === null) dev.kill('SIGKILL')
  })

  it('reloads the page after a prose edit, shows a bad edit as an overlay, and stops on Ctrl-C', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(`${url}fr/${slug}/index.html`)
    // The event stream is open before the edit.
    await page.waitForFunction(() => document.documentElement.dataset.live === 'open')
    const source = path.join(work, 'lessons', slug, 'fr.md')
    const original = await readFile(source, 'utf8')

    const timings: number[] = []
    for (let round = 1; round <= 10; round++) {
      const marker = `Modifié-${round}`
      const reloaded = page.waitForEvent('load', { timeout: 20_000 })
      const started = performance.now()
      await writeFile(source, `${original}\n${marker}\n`)
      await reloaded
      timings.push(performance.now() - started)
      await page.waitForFunction(() => document.documentElement.dataset.live === 'open')
      expect(await page.locator('main').textContent()).toContain(marker)
    }
    const median = timings.toSorted((a, b) => a - b)[5]!
    console.log(`shellbook dev: prose edit → page reloaded, median of 10: ${median.toFixed(0)} ms (${timings.map((ms) => ms.toFixed(0)).join(', ')} ms)`)

    await writeFile(source, `${original}\nLa valeur :val[nope].\n`)
    const overlay = page.locator('[role=status][data-kind=error]')
    await overlay.waitFor({ timeout: 20_000 })
    expect(await overlay.textContent()).toMatch(/fr\.md\n?.*\d+:\d+.*unknown-var/s)
    const fixed = page.waitForEvent('load', { timeout: 20_000 })
    await writeFile(source, original)
    await fixed
    expect(await overlay.count()).toBe(0)
    expect(problems).toEqual([])

    const exited = new Promise<number | null>((resolve) => dev.once('exit', (code) => resolve(code)))
    dev.kill('SIGINT')
    expect(await exited).toBe(0)
  })
})
