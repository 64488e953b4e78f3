// A buffer cell's colours and decorations as SGR parameters, so a screen read from the emulator
// is text with the same `ESC[…m` runs the ANSI renderer already turns into styled spans.
import type { IBufferCell } from '@xterm/headless'

/** SGR parameters of the cell's style (`1;31`), '' for the terminal's default. */
export function cellStyle(cell: IBufferCell): string {
  if (cell.isAttributeDefault()) return ''
  const params: Array<number | string> = []
  if (cell.isBold()) params.push(1)
  if (cell.isDim()) params.push(2)
  if (cell.isItalic()) params.push(3)
  if (cell.isUnderline()) params.push(4)
  if (cell.isBlink()) params.push(5)
  if (cell.isInverse()) params.push(7)
  if (cell.isInvisible()) params.push(8)
  if (cell.isStrikethrough()) params.push(9)
  // Overline (53) has no rendering in the ANSI parser: left out rather than passed on unread.
  if (cell.isFgPalette()) params.push(paletteColour(cell.getFgColor(), 30, 90, 38))
  else if (cell.isFgRGB()) params.push(rgbColour(cell.getFgColor(), 38))
  if (cell.isBgPalette()) params.push(paletteColour(cell.getBgColor(), 40, 100, 48))
  else if (cell.isBgRGB()) params.push(rgbColour(cell.getBgColor(), 48))
  return params.join(';')
}

/** Whether a blank cell still shows something (a coloured or reversed background), so it is not trailing space. */
export function showsBackground(cell: IBufferCell): boolean {
  return !cell.isBgDefault() || cell.isInverse() !== 0
}

// The short forms for the 16 base colours, as programs write them, so they render exactly as
// the same output does when it needs no emulator.
function paletteColour(index: number, base: number, bright: number, extended: number): string {
  if (index < 8) return String(base + index)
  if (index < 16) return String(bright + index - 8)
  return `${extended};5;${index}`
}

function rgbColour(value: number, extended: number): string {
  return `${extended};2;${(value >> 16) & 0xff};${(value >> 8) & 0xff};${value & 0xff}`
}
