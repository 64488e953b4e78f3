// captures.json: a round trip that keeps every byte of output, and a positioned message
// (never a crash) for a file that is corrupt, hand-broken or belongs to another lesson.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyCaptures, freezeRun, readCaptures, thawExecution, writeCaptures } from '../src/captures/captures-file.js'
import type { LessonRun } from '../src/captures/types.js'

const key = (n: number) => n.toString(16).padStart(64, '0')

const run: LessonRun = {
  slug: 'demo',
  provenance: {
    hostKind: 'local', engineVersion: '20.10.24+dfsg1', kernel: '6.1.0', os: 'Debian GNU/Linux 12 (bookworm)',
    images: [{ name: 'busybox', id: `sha256:${key(7)}`, standIn: true }],
    startedAt: '2026-11-24T20:00:00.000Z', finishedAt: '2026-11-24T20:00:02.000Z',
  },
  cells: {
    c1: {
      cellId: 'c1', command: 'cat /proc/1/environ', output: 'A=1\0B=2\0\n\u001b[31mred\u001b[0m\n<script>', exitCode: 0, expectedExit: 0,
      durationMs: 12.6, startedAt: '2026-11-24T20:00:00.100Z', timedOut: false, truncated: false, status: 'ok',
    },
    c2: {
      cellId: 'c2', command: 'ls', in: 'db', cwd: '/proc/42/ns', output: '', exitCode: 0, expectedExit: 0,
      durationMs: 3, startedAt: '2026-11-24T20:00:01.000Z', timedOut: false, truncated: false, status: 'ok',
    },
  },
  vars: { zeta: '2', alpha: '1' },
}
const chain = [{ link: 'config:images', key: key(1) }, { link: 'cell:c1', key: key(2) }, { link: 'cell:c2', key: key(3) }]

async function lessonDir(content?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-captures-'))
  if (content !== undefined) await writeFile(path.join(dir, 'captures.json'), content)
  return dir
}

async function written(): Promise<string> {
  const dir = await lessonDir()
  await writeCaptures(dir, { ...emptyCaptures('demo'), executions: [freezeRun(run, chain, ['c1', 'c2'])] })
  return readFile(path.join(dir, 'captures.json'), 'utf8')
}

describe('captures.json', () => {
  it('round-trips a run: output bytes (NUL, ANSI, markup) kept, durations in whole ms, keys in a fixed order', async () => {
    const text = await written()
    const loaded = await readCaptures(await lessonDir(text), 'demo')
    expect(loaded.file.messages.map(String)).toEqual([])
    const thawed = thawExecution('demo', loaded.document!.executions[0]!)
    expect(thawed.cells.c1!.output).toBe(run.cells.c1!.output)
    expect(thawed.cells.c1!.durationMs).toBe(13)
    expect(thawed.cells.c2).toMatchObject({ in: 'db', cwd: '/proc/42/ns', output: '' })
    expect(thawed.provenance).toEqual(run.provenance)
    expect(Object.keys(JSON.parse(text).executions[0].vars)).toEqual(['alpha', 'zeta'])
    // Output is stored line by line, so a diff shows which lines changed.
    expect(JSON.parse(text).executions[0].cells[0].output).toEqual(['A=1\u0000B=2\u0000', '\u001b[31mred\u001b[0m', '<script>'])
    expect(await written()).toBe(text)
  })

  it('is absent without a message when a lesson never ran', async () => {
    const loaded = await readCaptures(await lessonDir(), 'demo')
    expect(loaded.exists).toBe(false)
    expect(loaded.file.messages).toEqual([])
  })

  const broken: Array<[string, (text: string) => string, RegExp]> = [
    ['a trailing comma', (text) => text.replace('"lesson": "demo",', '"lesson": "demo",,'), /^3:20 .*Unexpected JSON syntax: property name expected/],
    ['a file cut in half', (text) => text.slice(0, text.length / 2), /Unexpected JSON syntax/],
    ['a hand-edited exit code', (text) => text.replace('"exitCode": 0', '"exitCode": "zero"'), /^\d+:\d+ .*Unexpected value for `executions.0.cells.0.exitCode` .*expected a captures.json written by shellbook/],
    ['an unknown format', (text) => text.replace('shellbook-captures/1', 'shellbook-captures/9'), /^2:13 .*Unexpected value for `format`/],
    ['another lesson', (text) => text.replace('"lesson": "demo"', '"lesson": "other"'), /^3:13 .*Unexpected lesson `other`, expected `demo`/],
    ['an empty file', () => '', /^1:1 .*Unexpected JSON syntax/],
  ]
  for (const [what, breakIt, expected] of broken) {
    it(`reports ${what} at its position, as a fatal corrupt-captures message`, async () => {
      const text = breakIt(await written())
      const loaded = await readCaptures(await lessonDir(text), 'demo')
      expect(loaded.document).toBeUndefined()
      const [message, ...others] = loaded.file.messages
      expect(others).toEqual([])
      expect(message?.fatal).toBe(true)
      expect(message?.ruleId).toBe('corrupt-captures')
      expect(`${message?.line}:${message?.column} ${message?.reason}`).toMatch(expected)
      expect(message?.reason).toContain('run `shellbook build --refresh`')
    })
  }

  it('points at the line where the JSON of a hand edit breaks', async () => {
    const text = (await written()).replace('"status": "ok"', '"status": ok')
    const loaded = await readCaptures(await lessonDir(text), 'demo')
    const line = text.split('\n').findIndex((row) => row.includes('"status": ok')) + 1
    expect(loaded.file.messages[0]?.line).toBe(line)
  })
})
