// bin/code-cache.js: the bundled CLI started twice; the first start writes V8's code cache,
// the second is handed it and accepts it (the cache files are not written again).
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
const work = mkdtempSync(path.join(tmpdir(), 'shellbook-code-cache-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function start(bundle: string, argv: string[]) {
  const script = `const { requireWithCodeCache } = require(${JSON.stringify(path.join(root, 'bin/code-cache.js'))})
const { main } = requireWithCodeCache(${JSON.stringify(path.join(bundle, 'cli.cjs'))})
main(['node', 'shellbook', ...${JSON.stringify(argv)}]).then((code) => process.exit(code))`
  return spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })
}

describe('the code cache of the bundled CLI', () => {
  const bundle = path.join(work, 'bundle')
  cpSync(path.join(root, 'dist/bundle'), bundle, { recursive: true, filter: (file) => !file.includes('code-cache') })
  const cacheDir = path.join(bundle, 'code-cache')

  it('is written by the first start and accepted by the next', () => {
    const first = start(bundle, ['--help'])
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('Usage: shellbook')
    const written = readdirSync(cacheDir)
    expect(written).toContain('cli.cjs.v8')
    expect(written.some((name) => name.startsWith('options-'))).toBe(true)
    const stamps = written.map((name) => statSync(path.join(cacheDir, name)).mtimeMs)

    const second = start(bundle, ['--help'])
    expect(second.status).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(written.map((name) => statSync(path.join(cacheDir, name)).mtimeMs)).toEqual(stamps)
  })

  it('is written again when V8 rejects it, and a command still runs', () => {
    const cli = path.join(cacheDir, 'cli.cjs.v8')
    const options = readdirSync(cacheDir).find((name) => name.startsWith('options-') && name.endsWith('.cjs.v8'))!
    // The cache of another file: V8 checks the source it was made from and rejects it.
    cpSync(path.join(cacheDir, options), cli)
    const before = statSync(cli).size
    const run = start(bundle, ['check', 'container-processes'])
    expect(run.stderr).toContain('checked: no problems')
    expect(run.status).toBe(0)
    expect(statSync(cli).size).not.toBe(before)
  })
})
