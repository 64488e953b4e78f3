// One headless xterm per lesson terminal size, reused output after output (a fresh xterm
// costs about four times what resetting one does). Each output starts on a reset terminal,
// as if its command ran at the top of a cleared screen, and is read back as text: the normal
// buffer, scrollback included, with the frames of full-screen programs in their place.
import xterm from '@xterm/headless'
import { readLines } from './buffer-lines.js'
import { hideControls } from './control-sentinels.js'
import { addressesCursor } from './plain-output.js'
import { dropTrailingBlanks, watchFullScreen, type Frame, type FullScreenWatch } from './full-screen.js'

/** The size of a lesson's terminals (lesson.yaml `terminal`). */
export interface TerminalSize {
  cols: number
  rows: number
}

/** Moving the cursor to a row and column (`ESC[50;1H`). */

export class TerminalEmulator {
  readonly #terminal: xterm.Terminal
  readonly #fullScreen: FullScreenWatch
  #queue: Promise<unknown> = Promise.resolve()

  constructor(size: TerminalSize) {
    // convertEol: captures keep line ends as `\n` (the pty's `\r\n`), which is a new line at column 1.
    this.#terminal = new xterm.Terminal({ cols: size.cols, rows: size.rows, scrollback: 0, convertEol: true, allowProposedApi: true })
    this.#fullScreen = watchFullScreen(this.#terminal)
  }

  /**
   * The text a reader's terminal shows for `output`; outputs are emulated one at a time, in call
   * order. `before` is a screen drawn before it that it goes on drawing (keys typed into `vi`):
   * written first, only what it leaves on the screen is shown, not its lines or frames.
   */
  screen(output: string, before = ''): Promise<string> {
    const next = this.#queue.then(() => this.#emulate(output, before))
    this.#queue = next.catch(() => undefined)
    return next
  }

  dispose(): void {
    this.#terminal.dispose()
  }

  async #emulate(output: string, before: string): Promise<string> {
    const terminal = this.#terminal
    const controls = hideControls(output)
    const drawn = before === '' ? '' : hideControls(before).text
    terminal.reset()
    this.#fullScreen.clear()
    // Room for every row the output can make, so nothing scrolls off the top.
    terminal.options.scrollback = rowsNeeded(drawn + controls.text, terminal.cols)
    let from = 0
    if (drawn !== '') {
      await new Promise<void>((resolve) => terminal.write(drawn, resolve))
      this.#fullScreen.dropFrames()
      from = terminal.buffer.normal.baseY + terminal.buffer.normal.cursorY
    }
    await new Promise<void>((resolve) => terminal.write(controls.text, resolve))
    this.#fullScreen.finish()
    const normal = readLines(terminal.buffer.normal, terminal.cols, from)
    const lines = dropTrailingBlanks(withFrames(normal, this.#fullScreen.frames))
    // An output that addresses the cursor continues a screen drawn before it (keys typed into
    // `vi`): with that screen unknown, the blank rows above where it wrote are that screen's, not output.
    if (drawn === '' && addressesCursor(output)) while (lines.length > 0 && lines[0]!.trim() === '') lines.shift()
    return controls.restore(lines.join('\n'))
  }
}

/** Normal lines with each frame put before the first line at or below the row its program started on. */
function withFrames(normal: ReadonlyArray<{ row: number; text: string }>, frames: readonly Frame[]): string[] {
  const pending = frames.toSorted((a, b) => a.row - b.row)
  const lines: string[] = []
  let next = 0
  for (const line of normal) {
    while (next < pending.length && pending[next]!.row <= line.row) lines.push(...pending[next++]!.lines)
    lines.push(line.text)
  }
  while (next < pending.length) lines.push(...pending[next++]!.lines)
  return lines
}

/**
 * An upper bound of the rows `text` fills: one per line feed, and a wrap every `cols` cells (a
 * character is at most two). Memory grows with it (xterm keeps 12 bytes a cell: 2.4 KB a row at
 * 200 columns); the session's 1 MiB cap on a capture bounds it.
 */
function rowsNeeded(text: string, cols: number): number {
  let feeds = 0
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) feeds++
  return feeds + Math.ceil((2 * text.length) / cols) + 1
}
