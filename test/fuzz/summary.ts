// What a run prints: counts per outcome, then one line per failure class with an input to reproduce it.
import type { Kind } from './classify.js'
import type { Result } from './run.js'

export function reproduce(seed: number, result: Result): string {
  return `SHELLBOOK_FUZZ_SEED=${seed} SHELLBOOK_FUZZ_ONLY=${result.index} npx vitest run test/fuzz-lessons.test.ts  # ${result.base}: ${result.mutations.join(' | ')}${result.kept ? `\n      input: ${result.kept}` : ''}`
}

export function classes(results: Result[]): Map<string, Result[]> {
  const groups = new Map<string, Result[]>()
  for (const result of results.filter((r) => r.outcome.kind !== 'ok')) {
    const key = `${result.outcome.kind} | ${result.outcome.signature}`
    groups.set(key, [...(groups.get(key) ?? []), result])
  }
  return new Map([...groups].sort((a, b) => b[1].length - a[1].length))
}

export function summary(seed: number, results: Result[], ms: number): string {
  const counts = new Map<Kind, number>()
  for (const { outcome } of results) counts.set(outcome.kind, (counts.get(outcome.kind) ?? 0) + 1)
  const slowest = [...results].sort((a, b) => b.outcome.ms - a.outcome.ms)[0]
  const lines = [
    `shellbook fuzz: seed ${seed}, ${results.length} inputs in ${(ms / 1000).toFixed(1)} s — ` +
      [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ') +
      (slowest ? `; slowest #${slowest.index} ${Math.round(slowest.outcome.ms)} ms` : ''),
  ]
  for (const [key, group] of classes(results)) {
    const first = group[0] as Result
    lines.push(`  [${group.length}×] ${key}`)
    lines.push(`      ${first.outcome.detail.slice(0, 300)}`)
    if (first.outcome.distFrame ?? first.outcome.frame) lines.push(`      at ${first.outcome.distFrame ?? ''} (first frame ${first.outcome.frame ?? '?'})`)
    lines.push(`      ${reproduce(seed, first)}`)
  }
  return lines.join('\n')
}
