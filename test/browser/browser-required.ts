// Tests that need a browser (Debian's chromium, driven by playwright-core): under CI=true they
// must run, so a missing browser fails them; elsewhere they are skipped with the reason printed.
import { existsSync } from 'node:fs'

export const chromiumPath = '/usr/bin/chromium'

/** True when the browser tests should be skipped (never under CI). */
export const skipWithoutBrowser: boolean = (() => {
  if (existsSync(chromiumPath)) return false
  if (process.env.CI === 'true') throw new Error(`CI=true but ${chromiumPath} is missing: .ci/run must install Debian's chromium (scripts/install-browser.sh)`)
  console.warn(`skipping browser tests: no ${chromiumPath} (bash scripts/install-browser.sh installs it)`)
  return true
})()

/** Flags for a root, offline, headless Chromium: no sandbox, nothing reaching out to the network. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
