// Terminal screens: a capture's raw output as a reader's terminal shows it. Output that only
// prints (text, line ends, tabs, colours, visible controls) is that text already and is returned
// as it is; output that moves the cursor or erases — progress bars, `\r` redraws, backspaces,
// clear screen, full-screen programs — goes through a headless xterm of the lesson's size.
import type { TerminalEmulator, TerminalSize } from './emulator.js'
import { needsEmulator } from './plain-output.js'

export { addressesCursor, needsEmulator } from './plain-output.js'

/**
 * Lines emulated at once. An emulated row costs xterm about 2.4 KB at 200 columns, so a
 * megabyte of empty lines in one go would take gigabytes: a longer output is emulated in
 * pieces of this many lines (a cursor move up across two pieces is the only thing lost).
 */
export const MAX_EMULATED_LINES = 5_000
export type { TerminalSize } from './emulator.js'

/**
 * The screens of several outputs at one terminal size, keyed as given, each with the screen
 * drawn before it that it goes on drawing, if any (see TerminalEmulator.screen). Asynchronous because
 * xterm parses its input asynchronously; the same outputs always give the same screens.
 */
export async function terminalScreens<K>(outputs: Iterable<readonly [K, string, string?]>, size: TerminalSize): Promise<Map<K, string>> {
  const screens = new Map<K, string>()
  let emulator: TerminalEmulator | undefined
  try {
    for (const [key, output, before = ''] of outputs) {
      if (!needsEmulator(output) && before === '') {
        screens.set(key, output)
        continue
      }
      // Loaded at the first output that needs it (xterm costs some 30 ms to load): most builds have none.
      emulator ??= new (await import('./emulator.js')).TerminalEmulator(size)
      const pieces: string[] = []
      // The screen drawn before goes with the first piece: the one that continues it.
      for (const [index, piece] of linePieces(output, MAX_EMULATED_LINES).entries()) pieces.push(await emulator.screen(piece, index === 0 ? before : ''))
      screens.set(key, pieces.join('\n'))
    }
  } finally {
    emulator?.dispose()
  }
  return screens
}

/** The screen of one output. */
export async function terminalScreen(output: string, size: TerminalSize): Promise<string> {
  return (await terminalScreens([[0, output]], size)).get(0)!
}

/** `text` in pieces of at most `lines` lines, cut at line ends (never inside an escape sequence). */
function linePieces(text: string, lines: number): string[] {
  const pieces: string[] = []
  let start = 0
  while (start < text.length) {
    let end = start
    for (let count = 0; count < lines && end !== -1; count++) end = text.indexOf('\n', end + 1)
    if (end === -1 || end >= text.length - 1) {
      pieces.push(text.slice(start))
      break
    }
    pieces.push(text.slice(start, end))
    start = end + 1
  }
  return pieces.length === 0 ? [text] : pieces
}
