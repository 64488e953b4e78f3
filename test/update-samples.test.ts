// `--update-samples` as a round trip without Docker: a lesson and its translation sharing one
// execution, whose frozen captures differ from the authors' samples, built with the flag.
// Sample lines take the real output (elisions kept, list indentation kept); prose, commands
// and fences stay byte for byte; a second build changes nothing.
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import type { LessonRun } from '../src/captures/index.js'
import { parseLesson } from '../src/parse/index.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'
import { withRealSamples } from '../src/render/index.js'

const root = path.resolve(import.meta.dirname, '..')

async function updated(markdown: string, outputs: Record<string, string>): Promise<string> {
  const configFile = new VFile({ path: 'lesson.yaml', value: 'title: {en: Samples}\n' })
  const file = new VFile({ path: 'en.md', value: markdown })
  const plan = planLesson({ slug: 'samples', locale: 'en', file, tree: await parseLesson(file), config: loadConfig(configFile)!, configFile })
  const cells = Object.fromEntries(plan.cells.map((cell) => [cell.id, {
    cellId: cell.id, command: cell.command, output: outputs[cell.command] ?? '', exitCode: 0, expectedExit: 0, durationMs: 1,
    startedAt: '2026-12-02T00:00:00.000Z', timedOut: false, truncated: false, status: 'ok' as const,
  }]))
  const run: LessonRun = { slug: 'samples', provenance: { hostKind: 'sandbox', engineVersion: '', kernel: '', os: '', images: [], startedAt: '', finishedAt: '' }, cells, vars: {} }
  return withRealSamples(markdown, plan.tree, run)
}

describe('withRealSamples', () => {
  it('replaces only sample lines, keeping elisions, indentation and everything else', async () => {
    const markdown = [
      '# Samples', '',
      'Some *prose* that stays.', '',
      '1. In a list:', '',
      '   ```console',
      '   $ seq 10',
      '   1',
      '   ...',
      '   9',
      '   $ echo "two words"',
      '   two  words (old)',
      '   ```', '',
      '```bash',
      '$ uname',
      'Darwin',
      '$ true',
      '```', '',
    ].join('\n')
    const result = await updated(markdown, { 'seq 10': '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n', 'echo "two words"': 'two words\n', uname: '\x1b[1mLinux\x1b[0m\n', true: '' })
    expect(result).toBe(markdown.replace('   9\n', '   10\n').replace('   two  words (old)', '   two words').replace('Darwin', 'Linux'))
    expect(await updated(result, { 'seq 10': '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n', 'echo "two words"': 'two words\n', uname: 'Linux\n', true: '' })).toBe(result)
  })
})

describe('shellbook build --update-samples', () => {
  it('writes the real output into the source and its translation from frozen captures, prose untouched', async () => {
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-samples-'))
    await cp(path.join(root, 'lessons', 'container-namespaces'), path.join(lessons, 'container-namespaces'), { recursive: true })
    const before = Object.fromEntries(await Promise.all(['zh', 'fr', 'en'].map(async (locale) => [locale, await readFile(path.join(lessons, 'container-namespaces', `${locale}.md`), 'utf8')] as const)))
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-samples-out-'))
    const build = () => new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile('node', ['bin/shellbook.js', 'build', '--lessons', lessons, '--out', out, '--update-samples'], { cwd: root, env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock' } }, (error, _stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr })
      })
    })
    const first = await build()
    expect(first.code, first.stderr).toBe(0)
    for (const locale of ['zh', 'fr', 'en']) {
      const after = await readFile(path.join(lessons, 'container-namespaces', `${locale}.md`), 'utf8')
      const [was, now] = [before[locale]!.split('\n'), after.split('\n')]
      expect(now.length, locale).toBeGreaterThan(0)
      // Lines outside fences are the same, byte for byte.
      const prose = (lines: string[]) => lines.filter((_, index) => lines.slice(0, index).filter((line) => line.trimStart().startsWith('```')).length % 2 === 0)
      expect(prose(now), locale).toEqual(prose(was))
      expect(after, locale).not.toBe(before[locale])
    }
    // Nothing left to write: a second build leaves the files as they are.
    const written = await readFile(path.join(lessons, 'container-namespaces', 'zh.md'), 'utf8')
    expect((await build()).code).toBe(0)
    expect(await readFile(path.join(lessons, 'container-namespaces', 'zh.md'), 'utf8')).toBe(written)
  })
})
