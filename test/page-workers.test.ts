// Page workers: lesson pages rendered on worker threads are the pages the build's own thread
// renders, byte for byte, search index included. Through the bundled CLI (what `npm run build`
// runs) and the compiled library (dist/index.js): from source there is no worker to start.
import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { copyLessons } from '../bench/lessons.js'

const root = path.resolve(import.meta.dirname, '..')
const copies = 4
const env = { ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock' }

function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', args, { cwd: root, env }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })
    })
  })
}

/** Every file of the site and of the Markdown, by path. */
async function published(outDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const top of ['site', 'md']) {
    for (const entry of await readdir(path.join(outDir, top), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const file = path.join(entry.parentPath, entry.name)
      files.set(path.relative(outDir, file), (await readFile(file)).toString('base64'))
    }
  }
  return files
}

const newOut = () => mkdtemp(path.join(tmpdir(), 'shellbook-page-workers-out-'))
let lessons: string
let alone: Map<string, string>

beforeAll(async () => {
  // Each committed lesson `copies` times: enough jobs for workers.
  lessons = await copyLessons(path.join(root, 'lessons'), copies * readdirSync(path.join(root, 'lessons')).length)
  const out = await newOut()
  const result = await node(['bin/shellbook.js', 'build', '--lessons', lessons, '--out', out, '--page-workers', '0'])
  expect(result.stderr).toContain(`built ${copies * 2 * 3} lesson page(s)`)
  expect(result.stderr).not.toContain('threads')
  alone = await published(out)
}, 120_000)

describe('page workers', () => {
  it('the CLI renders on two threads with --page-workers 1, and writes the same site', async () => {
    const out = await newOut()
    const result = await node(['bin/shellbook.js', 'build', '--lessons', lessons, '--out', out, '--page-workers', '1'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('(rendered on 2 threads)')
    const shared = await published(out)
    expect([...shared.keys()].filter((file) => file.endsWith('index.html')).length).toBeGreaterThan(copies * 2 * 3)
    expect(shared).toEqual(alone)
  }, 120_000)

  it('the compiled library renders with page workers too, and the same site', async () => {
    const out = await newOut()
    const script = `
      const { build } = await import(${JSON.stringify(path.join(root, 'dist/index.js'))})
      const result = await build({ lessonsDir: ${JSON.stringify(lessons)}, outDir: ${JSON.stringify(out)}, templatesDir: 'templates', imagesDir: 'images', host: 'local', pull: false, pageWorkers: 2 })
      console.log(JSON.stringify({ ok: result.ok, renderThreads: result.renderThreads }))`
    const result = await node(['--input-type=module', '-e', script])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, renderThreads: 3 })
    expect(await published(out)).toEqual(alone)
  }, 120_000)
})
