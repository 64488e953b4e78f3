import { chromium } from 'playwright-core'
import { readFileSync, writeFileSync } from 'node:fs'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage'] })
const page = await browser.newPage()
await page.goto('http://127.0.0.1:4601/fr/container-processes/index.html')
await page.waitForFunction(() => document.documentElement.dataset.live === 'open')
const src = '/tmp/devp/lessons/container-processes/fr.md'
const orig = readFileSync(src, 'utf8')
for (let i = 0; i < 6; i++) {
  const loaded = page.waitForEvent('load')
  const t0 = Date.now()
  writeFileSync(src, orig + `\nMod ${i}\n`)
  await loaded
  const t1 = Date.now()
  await page.waitForFunction(() => document.documentElement.dataset.live === 'open')
  const t2 = Date.now()
  const nav = await page.evaluate(() => { const t = performance.timing; return { nav: t.navigationStart, resp: t.responseEnd, dcl: t.domContentLoadedEventEnd, load: t.loadEventEnd } })
  console.log(`nav start +${nav.nav - t0}  response +${nav.resp - t0}  dcl +${nav.dcl - t0}  load(evt) +${t1 - t0}  live +${t2 - t0}`)
  await new Promise(r => setTimeout(r, 300))
}
writeFileSync(src, orig)
await browser.close()
