// Every mutator, and how an input is made: a base lesson folder, then one to three mutations.
import { bases } from '../bases.js'
import { cloneFolder, type Folder } from '../folder.js'
import { Rng, seedFor } from '../prng.js'
import { byteMutators } from './bytes.js'
import { fileMutators } from './files.js'
import { jsonMutators } from './json.js'
import { markdownMutators } from './markdown.js'
import type { Mutator } from './mutator.js'
import { yamlMutators } from './yaml.js'

export const mutators: readonly Mutator[] = [...byteMutators, ...markdownMutators, ...yamlMutators, ...jsonMutators, ...fileMutators].filter((m) => m.weight > 0)

export interface Input {
  seed: number
  index: number
  base: string
  /** What each mutation did, in order: enough to tell what the input is without opening it. */
  mutations: string[]
  folder: Folder
}

/** Input `index` of the run of `seed`: the same on every machine, whatever ran before it. */
export function makeInput(seed: number, index: number): Input {
  const rng = new Rng(seedFor(seed, index))
  const base = rng.pick(bases)
  const folder = cloneFolder(base.folder())
  const mutations: string[] = []
  const wanted = rng.weighted([[5, 1], [3, 2], [2, 3]] as const)
  // A mutator may not apply (no captures.json to edit): try a few more so each input gets its mutations.
  for (let tries = 0; mutations.length < wanted && tries < 10; tries++) {
    const mutator = rng.weighted(mutators.map((m) => [m.weight, m] as const))
    const done = mutator.apply(folder, rng)
    if (done !== undefined) mutations.push(done)
  }
  return { seed, index, base: base.name, mutations, folder }
}
