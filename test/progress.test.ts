import { afterEach, expect, it, vi } from 'vitest'
import type { Cell } from '../src/plan/types.js'
import { createRunProgress } from '../src/progress.js'
import type { CellCapture } from '../src/captures/types.js'

const cell: Cell = {
  id: 'c5', command: 'apt-get install psmisc', vars: [],
  position: { start: { line: 15, column: 2 }, end: { line: 15, column: 24 } },
  options: { session: '1', exit: 0, timeoutMs: 30_000, hidden: false, norun: false, interrupt: false, keys: false },
}
const capture: CellCapture = {
  cellId: 'c5', command: cell.command, output: '', exitCode: 0, expectedExit: 0, durationMs: 12_300,
  startedAt: '2026-11-22T00:00:00.000Z', timedOut: false, truncated: false, status: 'ok',
}

afterEach(() => vi.useRealTimers())

it('says a long cell is still running, then how it ended', () => {
  vi.useFakeTimers()
  const lines: string[] = []
  const progress = createRunProgress((line) => lines.push(line))
  progress.onEvent({ kind: 'cell-start', slug: 'x', cell, index: 5, total: 12 })
  vi.advanceTimersByTime(12_000)
  progress.onEvent({ kind: 'cell-end', slug: 'x', cell, capture })
  vi.advanceTimersByTime(20_000)
  expect(lines).toEqual([
    '  … x c5 line 15  apt-get install psmisc  still running (5.0 s)',
    '  … x c5 line 15  apt-get install psmisc  still running (10.0 s)',
    '  ✓ x c5 line 15  apt-get install psmisc  12.3 s',
  ])
})
