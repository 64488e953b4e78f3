// How lesson.yaml names a cell (`claims`, output variables): by its `name=` (or a Katacoda
// named marker), else by its command exactly as written in the lesson, as `waits` does.
import type { Cell } from './types.js'

/** The first cell `reference` names; a name wins over a command. */
export function findCell(cells: readonly Cell[], reference: string): Cell | undefined {
  return cells.find((cell) => cell.options.name === reference) ?? cells.find((cell) => cell.command === reference)
}
