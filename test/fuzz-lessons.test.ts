// A seeded, bounded mutation fuzzer of lesson folders (test/fuzz/): every input must be checked
// without a crash, within 5 s (report included, as the CLI prints it), and with positioned errors.
// SHELLBOOK_FUZZ_SEED / SHELLBOOK_FUZZ_COUNT change the run (e.g. COUNT=1000 for a long one);
// SHELLBOOK_FUZZ_ONLY=17,42 checks those indexes of the seed only, to reproduce a failure.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Kind } from './fuzz/classify.js'
import { fuzz, type Result } from './fuzz/run.js'
import { reproduce, summary } from './fuzz/summary.js'

const seed = Number(process.env['SHELLBOOK_FUZZ_SEED'] ?? 20261124)
const count = Number(process.env['SHELLBOOK_FUZZ_COUNT'] ?? 300)
const only = process.env['SHELLBOOK_FUZZ_ONLY']?.split(',').map(Number)
const indexes = only ?? Array.from({ length: count }, (_, index) => index)
// Terminate at twice the limit, so a slow input says how slow it is, unless it hangs.
const slowMs = 5_000
const killMs = 10_000

let results: Result[] = []

function failures(kind: Kind): string[] {
  return results.filter((result) => result.outcome.kind === kind).map((result) => `${result.outcome.detail}\n    ${reproduce(seed, result)}`)
}

describe(`fuzzed lesson folders (seed ${seed}, ${indexes.length} inputs)`, () => {
  beforeAll(async () => {
    const run = await fuzz({ seed, indexes, workers: 2, slowMs, killMs })
    results = run.results
    console.log(summary(seed, results, run.ms))
  }, Math.max(120_000, indexes.length * killMs))

  it('checks every input without a crash', () => {
    expect(failures('crash')).toEqual([])
  })

  it(`checks and reports every input within ${slowMs / 1000} s`, () => {
    expect(failures('slow')).toEqual([])
  })

  it('gives every error about a file with content a line within that file', () => {
    expect(failures('unpositioned')).toEqual([])
  })

  it('plans only lesson.yaml strings as `waits` conditions (build would run them)', () => {
    expect(failures('bad-plan')).toEqual([])
  })
})
