/// <reference lib="dom" />
// `shellbook dev`: a prose edit → the open page reloaded with it (its load event), in Debian's
// chromium driven by playwright-core, over loopback. The committed lessons, frozen (no engine);
// one warm-up edit, then the median of 10. Needs the compiled CLI and /usr/bin/chromium.
import { spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { root } from './child.js'
import { median } from './lessons.js'

const slug = 'container-processes'
const edits = 10
const target = 300

const work = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-dev-'))
await cp(path.join(root, 'lessons'), path.join(work, 'lessons'), { recursive: true })
const dev = spawn('node', [path.join(root, 'bin/shellbook.js'), 'dev', '--port', '0'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] })
let stderr = ''
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'] })
try {
  const url = await new Promise<string>((resolve, reject) => {
    dev.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      const serving = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)
      if (serving) resolve(serving[1]!)
    })
    dev.once('exit', (code) => reject(new Error(`dev exited ${code}: ${stderr}`)))
  })
  const page = await browser.newPage()
  await page.goto(`${url}fr/${slug}/index.html`)
  const live = () => page.waitForFunction(() => document.documentElement.dataset.live === 'open')
  await live()
  const source = path.join(work, 'lessons', slug, 'fr.md')
  const original = await readFile(source, 'utf8')
  const toLoad: number[] = []
  const toStart: number[] = []
  for (let edit = 0; edit <= edits; edit++) {
    const marker = `Modifié-${edit}`
    const reloaded = page.waitForEvent('load', { timeout: 20_000 })
    const editedAt = Date.now()
    await writeFile(source, `${original}\n${marker}\n`)
    await reloaded
    const loadedAt = Date.now()
    const navigationStart = await page.evaluate(() => performance.timeOrigin)
    if (!(await page.locator('main').textContent())?.includes(marker)) throw new Error(`edit ${edit}: the reloaded page lacks ${marker}`)
    if (edit > 0) {
      toLoad.push(loadedAt - editedAt)
      toStart.push(navigationStart - editedAt)
    }
    await live()
  }
  const ms = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ')
  console.log(`shellbook dev: prose edit → page reloaded, chromium over loopback, median of ${edits} (one warm-up)`)
  console.log(`  edit → reload starts (rebuilt, pages written)  ${median(toStart).toFixed(0)} ms  (${ms(toStart)})`)
  console.log(`  edit → reloaded page's load event             ${median(toLoad).toFixed(0)} ms  (${ms(toLoad)})  target < ${target} ms: ${median(toLoad) < target ? 'met' : 'not met'}`)
} finally {
  await browser.close()
  dev.kill('SIGINT')
  await new Promise((resolve) => dev.once('exit', resolve))
  await rm(work, { recursive: true, force: true })
}
