// Terminal screens: a capture's raw output as a reader's terminal shows it. Output that only
// prints (text, line ends, tabs, colours, visible controls) is that text already and is returned
// as it is; output that moves the cursor or erases — progress bars, `\r` redraws, backspaces,
// clear screen, full-screen programs — goes through a headless xterm of the lesson's size.
import { TerminalEmulator, type TerminalSize } from './emulator.js'
import { needsEmulator } from './plain-output.js'

export { needsEmulator } from './plain-output.js'
export type { TerminalSize } from './emulator.js'

/**
 * The screens of several outputs at one terminal size, keyed as given. Asynchronous because
 * xterm parses its input asynchronously; the same outputs always give the same screens.
 */
export async function terminalScreens<K>(outputs: Iterable<readonly [K, string]>, size: TerminalSize): Promise<Map<K, string>> {
  const screens = new Map<K, string>()
  let emulator: TerminalEmulator | undefined
  try {
    for (const [key, output] of outputs) {
      if (!needsEmulator(output)) {
        screens.set(key, output)
        continue
      }
      emulator ??= new TerminalEmulator(size)
      screens.set(key, await emulator.screen(output))
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
