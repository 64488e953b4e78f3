// Whether a command cell passed, from what its terminal reported: its status against the one
// expected, a timeout the lesson meant (`{stop-after=3}`, the older `{timeout=2 exit=130}`), or a
// command the lesson leaves running.
import type { Cell } from '../plan/index.js'
import type { CommandResult } from './session/index.js'

/** Exit status of a command stopped by Ctrl-C (128 + SIGINT). */
const ctrlCStatus = 130

export function commandOutcome(cell: Cell, ran: CommandResult): { result: CommandResult; ok: boolean } {
  // `{stop-after=3}`: run it that long, then Ctrl-C; a success whatever status it then exits with.
  const stopped = cell.options.stopAfterMs !== undefined && ran.timedOut && ran.exitCode !== null
  const result: CommandResult = stopped ? { ...ran, timedOut: false, leftRunning: 'ctrl-c' } : ran
  // `{timeout=2 exit=130}`: the lesson means to stop it with Ctrl-C (`docker logs -f`, `top`).
  const ok = result.leftRunning !== undefined || (result.exitCode === cell.options.exit && (!result.timedOut || cell.options.exit === ctrlCStatus))
  return { result, ok }
}
