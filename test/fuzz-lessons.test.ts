// A seeded, bounded mutation fuzzer of lesson folders (test/fuzz/): every input must be checked
// (report included, as the CLI prints it) and built with no engine, each without a crash and
// within 5 s, with positioned errors.
// SHELLBOOK_FUZZ_SEED / SHELLBOOK_FUZZ_COUNT change the run (e.g. COUNT=1000 for a long one);
// SHELLBOOK_FUZZ_ONLY=17,42 checks those indexes of the seed only, to reproduce a failure;
// SHELLBOOK_FUZZ_RESULTS=out.json writes every input's outcome there; SHELLBOOK_FUZZ_KEEP=1 keeps
// every input folder, not only the failing ones.
import { writeFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Kind } from './fuzz/classify.js'
import { unreadableWorks } from './fuzz/mutators/files.js'
import { fuzz, type Result } from './fuzz/run.js'
import { classes, reproduce, summary } from './fuzz/summary.js'

const seed = Number(process.env['SHELLBOOK_FUZZ_SEED'] ?? 20261124)
const count = Number(process.env['SHELLBOOK_FUZZ_COUNT'] ?? 300)
const only = process.env['SHELLBOOK_FUZZ_ONLY']?.split(',').map(Number)
const indexes = only ?? Array.from({ length: count }, (_, index) => index)
// Each of check (with its report) and build must take under slowMs. A job runs both, so it is
// terminated at twice their sum: a slow input says how slow it is, unless it hangs.
const slowMs = 5_000
const killMs = 4 * slowMs

let results: Result[] = []

/** One entry per failure class: how many inputs, the error, and the first input to reproduce it. */
function failures(kind: Kind): string[] {
  return [...classes(results.filter((result) => result.outcome.kind === kind))].map(([signature, group]) => {
    const first = group[0] as Result
    const indexes = group.map((result) => result.index)
    return `${group.length}× ${signature}\n  ${first.outcome.detail}\n  inputs ${indexes.slice(0, 10).join(',')}${indexes.length > 10 ? ',…' : ''}\n  ${reproduce(seed, first)}`
  })
}

describe(`fuzzed lesson folders (seed ${seed}, ${indexes.length} inputs)`, () => {
  beforeAll(async () => {
    const run = await fuzz({ seed, indexes, workers: 2, slowMs, killMs, keepAll: process.env['SHELLBOOK_FUZZ_KEEP'] === '1' })
    results = run.results
    console.log(summary(seed, results, run.ms))
    if (!unreadableWorks) console.log('  (no unreadable-file inputs: chmod 000 does not stop this user from reading, as for root)')
    const out = process.env['SHELLBOOK_FUZZ_RESULTS']
    if (out) await writeFile(out, JSON.stringify({ seed, ms: run.ms, results }, null, 2) + '\n')
  }, Math.max(120_000, indexes.length * killMs))

  it('checks every input without a crash', () => {
    expect(failures('crash')).toEqual([])
  })

  it(`checks (and reports) and builds every input, each within ${slowMs / 1000} s`, () => {
    expect(failures('slow')).toEqual([])
  })

  it('gives every error about a file with content a line within that file', () => {
    expect(failures('unpositioned')).toEqual([])
  })

  it('plans only lesson.yaml strings as `waits` conditions (build would run them)', () => {
    expect(failures('bad-plan')).toEqual([])
  })
})
