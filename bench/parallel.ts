// Parallel speed-up: 8 lessons of `sleep 2`, each in its own sandbox, built with --jobs 1
// and with --jobs 4 (fresh executions: --refresh). Prints both times and the ratio.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build } from '../src/build.js'
import { makeLessons } from './lessons.js'

const root = path.resolve(import.meta.dirname, '../..')
const lessons = Number(process.env.BENCH_LESSONS ?? 8)

async function timedBuild(lessonsDir: string, jobs: number): Promise<number> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-out-'))
  const started = performance.now()
  const result = await build({
    lessonsDir, outDir, templatesDir: path.join(root, 'templates'), imagesDir: path.join(root, 'images'),
    host: 'sandbox', jobs, refresh: true, pull: false,
  })
  const elapsed = performance.now() - started
  await rm(outDir, { recursive: true, force: true })
  if (!result.ok) throw new Error(`bench build failed: ${result.files.flatMap((file) => file.messages.map(String)).join('\n')}`)
  return elapsed
}

const dir = await makeLessons(lessons, 'sleep 2')
try {
  await timedBuild(dir, 4) // warm-up: the lesson-host image and page templates
  const one = await timedBuild(dir, 1)
  const four = await timedBuild(dir, 4)
  console.log(`parallel lessons: ${lessons} lessons of \`sleep 2\`, one sandbox each`)
  console.log(`  --jobs 1  ${(one / 1000).toFixed(1)} s`)
  console.log(`  --jobs 4  ${(four / 1000).toFixed(1)} s`)
  console.log(`  speed-up ${(one / four).toFixed(2)}x (target ≥ 3x)`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
