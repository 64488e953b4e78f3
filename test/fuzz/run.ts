// A fuzz run: make each input, write it to a fresh temp folder, check it on the pool, classify it.
// Inputs that pass are removed; the others stay on disk, with an input.json saying how to remake them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { classify, type Outcome } from './classify.js'
import { writeFolder } from './folder.js'
import { makeInput } from './mutators/index.js'
import { CheckPool } from './pool.js'

export interface RunOptions {
  seed: number
  /** Indexes to check: 0…count-1 for a whole run. */
  indexes: number[]
  workers: number
  /** Over this, an input is slow. */
  slowMs: number
  /** Over this, its worker is terminated. */
  killMs: number
  /** Keep every input on disk, not only the failing ones. */
  keepAll?: boolean
}

export interface Result {
  index: number
  base: string
  mutations: string[]
  outcome: Outcome
  /** Where a failing input was left, to open or check again. */
  kept?: string
}

/** The mutator's name in a mutation label: `deep-list(300-) processes/fr.md` → `deep-list`. */
export const mutatorName = (mutation: string) => /^[\w-]+/.exec(mutation)?.[0] ?? mutation

export async function checkFolder(pool: CheckPool, lessonsDir: string, slowMs: number, mutators: string[]): Promise<Outcome> {
  return classify(await pool.check(lessonsDir), slowMs, mutators)
}

export async function fuzz(options: RunOptions): Promise<{ results: Result[]; ms: number }> {
  const started = performance.now()
  const pool = new CheckPool(options.workers, options.killMs, options.slowMs)
  const queue = [...options.indexes]
  const results: Result[] = []
  const lane = async () => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      const input = makeInput(options.seed, index)
      const dir = await mkdtemp(path.join(tmpdir(), `shellbook-fuzz-${options.seed}-${index}-`))
      const lessonsDir = path.join(dir, 'lessons')
      await writeFolder(input.folder, lessonsDir)
      const outcome = await checkFolder(pool, lessonsDir, options.slowMs, input.mutations.map(mutatorName))
      const result: Result = { index, base: input.base, mutations: input.mutations, outcome }
      if (outcome.kind === 'ok' && !options.keepAll) {
        await rm(dir, { recursive: true, force: true })
      } else {
        result.kept = lessonsDir
        await writeFile(path.join(dir, 'input.json'), JSON.stringify({ seed: options.seed, ...result }, null, 2) + '\n')
      }
      results.push(result)
    }
  }
  try {
    await Promise.all(Array.from({ length: options.workers }, lane))
  } finally {
    await pool.close()
  }
  return { results: results.sort((a, b) => a.index - b.index), ms: performance.now() - started }
}
