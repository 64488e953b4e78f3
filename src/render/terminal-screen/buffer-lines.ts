// Reading an emulator buffer back as text: one line per logical line (rows the terminal wrapped
// because they were wider than it are joined again: pages scroll long lines, they do not fold
// them), styles as SGR runs, trailing blanks dropped. Read cell by cell rather than with
// @xterm/addon-serialize, whose output is made to be replayed into a terminal (cursor moves,
// modes, rows as the screen cuts them), not shown as text.
import type { IBuffer, IBufferCell, IBufferLine } from '@xterm/headless'
import { cellStyle, showsBackground } from './cell-style.js'

/** A logical line and the buffer row it starts on. */
export interface ScreenLine {
  row: number
  text: string
}

/** Every logical line of `buffer` from row `from` (default 0) to its end. */
export function readLines(buffer: IBuffer, cols: number, from = 0): ScreenLine[] {
  const cell = buffer.getNullCell()
  const lines: ScreenLine[] = []
  let rows: IBufferLine[] = []
  let start = from
  for (let y = from; y < buffer.length; y++) {
    const line = buffer.getLine(y)
    if (!line) continue
    if (!line.isWrapped && rows.length > 0) {
      lines.push({ row: start, text: lineText(rows, cols, cell) })
      rows = []
      start = y
    }
    rows.push(line)
  }
  if (rows.length > 0) lines.push({ row: start, text: lineText(rows, cols, cell) })
  return lines
}

/** The rows of one logical line as text with SGR runs, ending in the default style. */
function lineText(rows: readonly IBufferLine[], cols: number, cell: IBufferCell): string {
  const ends = rows.map((row, index) => rowEnd(row, cols, index < rows.length - 1, cell))
  const last = lastShown(rows, ends, cell)
  let text = ''
  let style = ''
  for (let r = 0; r <= last.row; r++) {
    const row = rows[r]!
    const end = r === last.row ? last.x + 1 : ends[r]!
    for (let x = 0; x < end; x++) {
      row.getCell(x, cell)
      // The second half of a wide character (CJK) is a cell of width 0: its first half printed it.
      if (cell.getWidth() === 0) continue
      const next = cellStyle(cell)
      if (next !== style) {
        text += next === '' ? '\u001b[0m' : `\u001b[0;${next}m`
        style = next
      }
      text += cell.getChars() || ' '
    }
  }
  return style === '' ? text : text + '\u001b[0m'
}

/**
 * Cells of a row that belong to its line. A row that wraps into the next one holds all its
 * columns, except when a wide character did not fit in the last one: the terminal left that
 * column empty and printed the character on the next row.
 */
function rowEnd(row: IBufferLine, cols: number, wraps: boolean, cell: IBufferCell): number {
  const end = Math.min(row.length, cols)
  if (!wraps || end === 0) return end
  row.getCell(end - 1, cell)
  return cell.getChars() === '' && cell.getWidth() === 1 ? end - 1 : end
}

/** The last cell that shows something: text, or a background (a reversed status bar); {row: -1} for a blank line. */
function lastShown(rows: readonly IBufferLine[], ends: readonly number[], cell: IBufferCell): { row: number; x: number } {
  for (let r = rows.length - 1; r >= 0; r--) {
    const row = rows[r]!
    for (let x = ends[r]! - 1; x >= 0; x--) {
      row.getCell(x, cell)
      const chars = cell.getChars()
      if ((chars !== '' && chars !== ' ') || showsBackground(cell)) return { row: r, x }
    }
  }
  return { row: -1, x: -1 }
}
