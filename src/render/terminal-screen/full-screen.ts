// Full-screen programs (`less`, `vi`, `man`, `htop`, `nano`) draw on the terminal's alternate
// screen, and leaving it puts back the normal screen as it was, their drawing gone. A page
// shows what a reader saw last of such a program: its final frame, the alternate screen just
// before the program left it (or as it stands at the end of the output, if it never did).
//
// The rule for where a frame goes: at the row where the program switched to the alternate
// screen. Normal output above that row comes before the frame, output from that row on (what
// came after the program, which the terminal writes from where it was started) after it.
// xterm clears the alternate screen as it leaves it, so the frame is read in a parser hook
// that runs just before xterm's own handler of `CSI ? 1049 l` (and `? 1047 l`, `? 47 l`).
import type { Terminal } from '@xterm/headless'
import { readLines } from './buffer-lines.js'

/** DEC private modes that switch to the alternate screen: xterm's (1049, 1047) and the old one (47). */
const alternateModes = new Set([47, 1047, 1049])

export interface Frame {
  /** The normal buffer row the program started on. */
  row: number
  lines: string[]
}

export interface FullScreenWatch {
  /** Frames so far, in the order the programs left the alternate screen. */
  readonly frames: readonly Frame[]
  /** At the end of the output: the frame of a program still on the alternate screen. */
  finish(): void
  /** Forget the frames, before the next output. */
  clear(): void
  /** Forget the frames so far, keeping where a program still on the alternate screen started (after a screen drawn before). */
  dropFrames(): void
}

export function watchFullScreen(terminal: Terminal): FullScreenWatch {
  const frames: Frame[] = []
  let row = 0
  const switches = (params: ReadonlyArray<number | number[]>) => params.some((param) => typeof param === 'number' && alternateModes.has(param))
  const snapshot = () => frames.push({ row, lines: frameLines(terminal) })
  // Both hooks return false: xterm's own handler then switches screens as usual.
  terminal.parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
    const normal = terminal.buffer.normal
    if (switches(params) && terminal.buffer.active.type === 'normal') row = normal.baseY + normal.cursorY
    return false
  })
  terminal.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
    if (switches(params) && terminal.buffer.active.type === 'alternate') snapshot()
    return false
  })
  return {
    frames,
    finish() {
      if (terminal.buffer.active.type === 'alternate') snapshot()
    },
    clear() {
      frames.length = 0
      row = 0
    },
    dropFrames() {
      frames.length = 0
    },
  }
}

/** The alternate screen's lines, trailing blank ones dropped. */
function frameLines(terminal: Terminal): string[] {
  return dropTrailingBlanks(readLines(terminal.buffer.alternate, terminal.cols).map((line) => line.text))
}

export function dropTrailingBlanks(lines: string[]): string[] {
  let end = lines.length
  while (end > 0 && lines[end - 1] === '') end--
  return end === lines.length ? lines : lines.slice(0, end)
}
