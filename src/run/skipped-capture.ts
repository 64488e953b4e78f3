// The capture of a cell that did not run (an earlier failure, an interruption, no host).
import type { CellCapture } from '../captures/index.js'
import type { Cell } from '../plan/index.js'
import { resolveCell } from './command-text.js'

export function skippedCapture(cell: Cell, vars: Readonly<Record<string, string>>): CellCapture {
  return {
    cellId: cell.id, command: resolveCell(cell, vars).command, output: '', exitCode: null, expectedExit: cell.options.exit,
    durationMs: 0, startedAt: new Date().toISOString(), timedOut: false, truncated: false, status: 'skipped',
  }
}
