// Where a character of a raw HTML node's value stands in the lesson file. An HTML block's
// value is its source lines with the container prefixes (`> `, a list item's indentation)
// taken off, so each of its lines is the end of a source line.
import type { Html } from 'mdast'
import type { Point } from 'unist'
import type { Location } from 'vfile-location'

/** Maps an index into `node.value` to its point in `file`. */
export type ValuePoints = (index: number) => Point

/** The mapping for one HTML node; the file's lines and location index are made once by the caller. */
export function valuePoints(node: Html, sourceLines: readonly string[], place: Location): ValuePoints {
  const start = node.position?.start ?? { line: 1, column: 1 }
  const rows = node.value.split('\n')
  const rowStarts: number[] = []
  let at = 0
  for (const row of rows) {
    rowStarts.push(at)
    at += row.length + 1
  }
  // How far each row is shifted right in its source line (by `> ` or indentation).
  const shifts = rows.map((row, index) => {
    const sourceLine = sourceLines[start.line - 1 + index] ?? ''
    if (sourceLine.endsWith(row)) return sourceLine.length - row.length
    return index === 0 ? start.column - 1 : 0
  })
  return (index: number) => {
    const row = rowOf(rowStarts, index)
    const line = start.line + row
    const column = shifts[row]! + index - rowStarts[row]! + 1
    const point: Point = { line, column }
    const offset = place.toOffset(point)
    if (offset !== undefined) point.offset = offset
    return point
  }
}

/** The last row starting at or before `index` (binary search: a sub-tree asks for many points). */
function rowOf(rowStarts: readonly number[], index: number): number {
  let low = 0
  let high = rowStarts.length - 1
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (rowStarts[middle]! <= index) low = middle
    else high = middle - 1
  }
  return low
}
