// Terminal output → styled runs, with anser (a real ANSI parser) doing SGR colours.
import Anser from 'anser'

export type Decoration = Anser.DecorationName

/** A run of output sharing one style. Colours are `r, g, b` strings, as anser gives them. */
export interface AnsiRun {
  text: string
  fg?: string
  bg?: string
  decorations: Decoration[]
}

// Sequences a terminal acts on without printing anything, which anser leaves in the text:
// OSC (window title, hyperlinks: ESC ] … BEL or ESC \), keypad modes (ESC = / ESC >),
// charset selection (ESC ( B). A terminal shows nothing for them, so neither do we.
const silentEscapes = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[=>]|\u001b[()][0-9A-Za-z]/g

/** Parse output into styled runs; unknown CSI sequences (cursor moves) are dropped by anser. */
export function parseAnsi(output: string): AnsiRun[] {
  return Anser.ansiToJson(output.replace(silentEscapes, ''), { remove_empty: true }).map((entry) => {
    const run: AnsiRun = { text: entry.content, decorations: entry.decorations }
    if (entry.fg) run.fg = entry.fg
    if (entry.bg) run.bg = entry.bg
    return run
  })
}

/** Output without its ANSI styling (for Markdown). */
export function stripAnsi(output: string): string {
  return parseAnsi(output)
    .map((run) => run.text)
    .join('')
}
