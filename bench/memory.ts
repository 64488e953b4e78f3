// Peak memory of the build process for 50 lessons (`echo`), each executed in its own sandbox
// with the default --jobs. Run in a child process, so the figure is the build's alone.
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { makeLessons } from './lessons.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const lessons = Number(process.env.BENCH_LESSONS ?? 50)

const dir = await makeLessons(lessons, 'echo hello from a sandbox')
const out = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-out-'))
try {
  // The child is the real CLI; it prints its own peak RSS (maxRSS, KiB) when the build ends.
  const script = `
    import { main } from ${JSON.stringify(path.join(root, 'dist-bench/src/cli.js'))}
    const code = await main(['node', 'shellbook', 'build', '--lessons', ${JSON.stringify(dir)}, '--out', ${JSON.stringify(out)}, '--pull', 'never'])
    console.log(JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS }))`
  const started = performance.now()
  const { stdout } = await run('node', ['--input-type=module', '-e', script], { cwd: root, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 2 ** 20 })
  const elapsed = performance.now() - started
  const { code, maxRssKiB } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { code: number; maxRssKiB: number }
  console.log(`build memory: ${lessons} lessons executed in sandboxes (exit ${code}, ${(elapsed / 1000).toFixed(1)} s)`)
  console.log(`  peak RSS of the build process ${(maxRssKiB / 1024).toFixed(1)} MiB`)
} finally {
  await rm(dir, { recursive: true, force: true })
  await rm(out, { recursive: true, force: true })
}
