// Edits of captures.json: deep nesting, values of the wrong type at any path, broken syntax.
import type { Rng } from '../prng.js'
import { capturesFile, insertAt, size, textMutator, type Mutator } from './mutator.js'

const deepJson = textMutator('json-deep', 3, capturesFile, (text, rng) => {
  const depth = size(rng, 100, 2000, 5000)
  const kind = rng.pick(['open-brackets', 'balanced-brackets', 'objects', 'in-cells'] as const)
  if (kind === 'open-brackets') return ['['.repeat(depth), `${kind} ${depth}`]
  if (kind === 'balanced-brackets') return ['['.repeat(depth) + ']'.repeat(depth), `${kind} ${depth}`]
  if (kind === 'objects') return ['{"a":'.repeat(depth) + '1' + '}'.repeat(depth), `${kind} ${depth}`]
  return [text.replace('"cells": [', '"cells": [' + '['.repeat(depth) + ']'.repeat(depth) + ','), `${kind} ${depth}`]
})

const oddValues: readonly unknown[] = [
  null, [], {}, '', 0, -1, 1.5, true, 'x'.repeat(10_000), ['a', 1, null], { __proto__: null, constructor: 1 }, '\uD800', '\u0000',
  '2026-13-45T99:99:99Z', 'shellbook-captures/2', Number.MAX_SAFE_INTEGER, [[[]]],
]

/** Every path of a JSON value, so one can be picked to replace. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, index) => paths(item, [...prefix, index]))]
  if (value !== null && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))]
  return [prefix]
}

function setAt(root: unknown, at: Array<string | number>, value: unknown): unknown {
  if (at.length === 0) return value
  let node = root as Record<string | number, unknown>
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  node[at[at.length - 1] as string | number] = value
  return root
}

const wrongValue: Mutator = {
  name: 'json-wrong-value',
  weight: 6,
  apply(folder, rng) {
    const target = [...folder.keys()].filter((name) => capturesFile.test(name)).sort()
    if (target.length === 0) return undefined
    const name = rng.pick(target)
    const entry = folder.get(name)
    let parsed: unknown
    try {
      parsed = JSON.parse(entry?.kind === 'file' ? Buffer.from(entry.data).toString('utf8') : '')
    } catch {
      return undefined
    }
    const at = rng.pick(paths(parsed))
    const value = rng.pick(oddValues)
    // A `__proto__` key must survive JSON.stringify: write it by hand when that is the value picked.
    let text = JSON.stringify(setAt(parsed, at, value), null, 2)
    if (rng.chance(0.2)) text = text.replace('"lesson"', '"__proto__": {"polluted": 1}, "lesson"')
    folder.set(name, { kind: 'file', data: text })
    return `json-wrong-value(${at.join('.') || '<root>'} = ${JSON.stringify(value)?.slice(0, 24)}) ${name}`
  },
}

const syntax = textMutator('json-syntax', 4, capturesFile, (text, rng: Rng) => {
  const kind = rng.pick(['trailing-comma', 'comment', 'unterminated', 'lone-surrogate', 'duplicate', 'nan', 'huge-number', 'single-quotes', 'two-roots', 'control-char'] as const)
  const edits: Record<typeof kind, () => string> = {
    'trailing-comma': () => text.replace(/\n(\s*)\}/, ',\n$1}'),
    'comment': () => insertAt(text, rng, rng.pick(['// x\n', '/* x */', '/* unterminated'])),
    'unterminated': () => text.replace(/"([^"]*)"/, '"$1'),
    'lone-surrogate': () => text.replace('"out"', '"\\ud800 \\udc00x \\u00"'),
    'duplicate': () => text.replace('"format"', '"format": 1, "format"'),
    'nan': () => text.replace(/"durationMs": \d+/, '"durationMs": NaN'),
    'huge-number': () => text.replace(/"exitCode": \d+/, '"exitCode": 1e99999'),
    'single-quotes': () => text.replaceAll('"', "'"),
    'two-roots': () => text + text,
    'control-char': () => text.replace('"out"', '"o\u0001\u0000ut"'),
  }
  return [edits[kind](), kind]
})

export const jsonMutators: readonly Mutator[] = [deepJson, wrongValue, syntax]
