// Pages whose inputs did not change are not rendered again: each output file is recorded with
// a hash of everything it is made from (the lesson's source and captures, the navigation
// around it, the site's address, the templates, shellbook's own code), in
// `<out>/.shellbook-pages.json`. A file missing on disk is always written.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFileAtomic } from '../files/index.js'

export interface PageCache {
  /** True when `file` exists and was made from exactly `inputs`. */
  fresh(file: string, inputs: string): boolean
  /** Record that `file` now holds what `inputs` make. */
  record(file: string, inputs: string): void
  /** Keep what is recorded of `file`, a page not rendered this time (another lesson's, in a build of some). */
  keep(file: string): void
  save(): Promise<void>
}

export async function openPageCache(outDir: string, templatesDir: string): Promise<PageCache> {
  const path = join(outDir, '.shellbook-pages.json')
  const stored = await readFile(path, 'utf8').then((text) => JSON.parse(text) as unknown).catch(() => undefined) // missing or cut short: start afresh
  const base = siteCodeFingerprint(templatesDir)
  const before = isCache(stored) && stored.base === base ? stored.pages : {}
  const pages: Record<string, string> = {}
  const hash = (inputs: string) => createHash('sha256').update(inputs).digest('base64url')
  return {
    fresh(file, inputs) {
      const key = relative(outDir, file)
      const digest = hash(inputs)
      if (before[key] !== digest || !existsSync(file)) return false
      pages[key] = digest
      return true
    },
    record(file, inputs) {
      pages[relative(outDir, file)] = hash(inputs)
    },
    keep(file) {
      const key = relative(outDir, file)
      if (before[key] !== undefined) pages[key] = before[key]
    },
    save: () => writeFileAtomic(path, JSON.stringify({ base, pages }) + '\n', { durable: false }),
  }
}

function isCache(value: unknown): value is { base: string; pages: Record<string, string> } {
  return typeof value === 'object' && value !== null && 'base' in value && 'pages' in value && typeof value.pages === 'object' && value.pages !== null
}

/** What every page depends on: the templates' bytes, and shellbook's compiled code (its files' sizes and times). */
export function siteCodeFingerprint(templatesDir: string): string {
  const digest = createHash('sha256')
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else digest.update(`${relative(templatesDir, full)}\0`).update(readFileSync(full))
    }
  }
  walk(templatesDir)
  codeFingerprint ??= compiledCodeFingerprint()
  return digest.update(codeFingerprint).digest('base64url')
}

// The code this process runs is the code it loaded: read once (`shellbook dev` builds again and again).
let codeFingerprint: string | undefined

function compiledCodeFingerprint(): string {
  const digest = createHash('sha256')
  const code = fileURLToPath(new URL('..', import.meta.url))
  for (const name of readdirSync(code, { recursive: true }).map(String).sort()) {
    const stat = statSync(join(code, name))
    if (stat.isFile()) digest.update(`${name}\0${stat.size}\0${stat.mtimeMs}\0`)
  }
  return digest.digest('base64url')
}
