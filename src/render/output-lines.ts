// What a page shows of a long screen: the lines a cell asks for (`{head=5}`, `{tail=3}`,
// `{lines=4-9}`), or else, past the site's cap, the first and last halves; a marker stands for
// each run of lines left out. captures.json keeps the whole output either way.
import type { CellOptions } from '../plan/index.js'
import { sgrBefore } from './sgr-replay.js'

/** The site-wide cap of lines shown per output when a cell does not choose its own (`--max-lines`; 0 = no cap). */
export const defaultMaxLines = 200

/** Lines shown, or how many were cut there. */
export type LinePiece = { kind: 'lines'; text: string } | { kind: 'cut'; count: number }

export type LineChoice = Pick<CellOptions, 'head' | 'tail' | 'lines'>

/** `screen` (its final line end aside) as the pieces to show; one `lines` piece when nothing is cut, none when it is empty. */
export function chooseLines(screen: string, choice: LineChoice, maxLines: number): LinePiece[] {
  if (screen === '') return []
  const lines = screen.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const pieces: LinePiece[] = []
  let shown = 0
  for (const [start, end] of keptRanges(lines.length, choice, maxLines)) {
    if (start >= end) continue
    if (start > shown) pieces.push({ kind: 'cut', count: start - shown })
    const replay = start > 0 && screen.includes('\u001b') ? sgrBefore(lines, start) : ''
    pieces.push({ kind: 'lines', text: replay + lines.slice(start, end).join('\n') })
    shown = end
  }
  if (shown < lines.length) pieces.push({ kind: 'cut', count: lines.length - shown })
  return pieces
}

/**
 * Ranges of line indexes to keep, in order. `lines` narrows the output first; `head` and `tail`
 * then keep the first and last lines of what is left (both: the two ends). The cap applies only
 * to cells that chose none of them: an author who asked for lines gets them.
 */
function keptRanges(total: number, choice: LineChoice, maxLines: number): Array<[number, number]> {
  const { head, tail, lines } = choice
  const start = lines ? Math.min(total, lines.from - 1) : 0
  const end = lines ? Math.min(total, lines.to ?? total) : total
  if (head !== undefined || tail !== undefined) {
    const first = head ?? 0
    const last = tail ?? 0
    if (first + last < end - start) return [[start, start + first], [end - last, end]]
    return [[start, end]]
  }
  if (!lines && maxLines > 0 && total > maxLines) {
    const first = Math.ceil(maxLines / 2)
    return [[0, first], [total - (maxLines - first), total]]
  }
  return [[start, end]]
}
