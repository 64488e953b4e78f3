// Lessons made up for benchmarks: `count` folders of one English lesson running `command`.
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEFAULT_LOCAL_SHELL, ShellSession } from '../src/run/session/index.js'

export async function makeLessons(count: number, command: string, images: string[] = []): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-lessons-'))
  for (let index = 1; index <= count; index++) {
    const slug = `bench-${String(index).padStart(3, '0')}`
    await mkdir(path.join(dir, slug))
    await writeFile(path.join(dir, slug, 'lesson.yaml'), `title: {en: Bench ${index}}\nimages: [${images.join(', ')}]\n`)
    await writeFile(path.join(dir, slug, 'en.md'), `# Bench ${index}\n\nRun \`${command}\`{{execute}}\n`)
  }
  return dir
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/**
 * Time `cells` × `true` typed into a fresh local session; `enter` runs first, untimed (the
 * nested-shell bench moves the terminal into `sh` there).
 */
export async function timeTrueCells(cells: number, enter?: (session: ShellSession) => Promise<void>): Promise<number> {
  const session = await ShellSession.open({ shell: DEFAULT_LOCAL_SHELL })
  try {
    await enter?.(session)
    const start = performance.now()
    for (let i = 0; i < cells; i++) await session.run('true', { timeoutMs: 10_000 })
    return performance.now() - start
  } finally {
    await session.close()
  }
}

/** `count` lessons in a new folder: copies of those in `lessons` in turn, under new slugs, their captures renamed with them. */
export async function copyLessons(lessons: string, count: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-lesson-copies-'))
  const sources = (await readdir(lessons)).sort()
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length]!
    const slug = `${source}-${i}`
    await cp(path.join(lessons, source), path.join(dir, slug), { recursive: true })
    const captures = path.join(dir, slug, 'captures.json')
    const frozen = JSON.parse(await readFile(captures, 'utf8')) as { lesson: string }
    frozen.lesson = slug
    await writeFile(captures, JSON.stringify(frozen, null, 2) + '\n')
  }
  return dir
}
