// Offsets in a file's source → line:column points, as unist positions have them.
import type { Point } from 'unist'

/** A function turning a 0-based offset of `source` into a 1-based line and column. */
export function locator(source: string): (offset: number) => Point {
  const lineStarts = [0]
  for (let index = source.indexOf('\n'); index >= 0; index = source.indexOf('\n', index + 1)) lineStarts.push(index + 1)
  return (offset) => {
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const middle = Math.ceil((low + high) / 2)
      if (lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1, offset }
  }
}
