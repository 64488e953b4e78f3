// The fast path: most captured output (`ps aux`, `ls`, `cat`) only prints text, line ends,
// tabs and colours, and a terminal shows it exactly as it came. Only output that moves the
// cursor or erases needs the emulator.

/**
 * Anything a terminal acts on beyond printing: a carriage return, a backspace, or an escape
 * sequence that is not SGR (`ESC[…m`) nor one that prints nothing and moves nothing — OSC
 * (window title, hyperlinks), keypad modes (`ESC =`, `ESC >`) and charset selection
 * (`ESC ( B`), which the ANSI parser drops on its own (ansi.ts).
 */
const cursorOrErase = /[\r\b]|\u001b(?!\[[0-9;:]*m|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[=>]|[()][0-9A-Za-z])/

/** Whether `output` shows differently on a terminal than as plain lines of text. */
export function needsEmulator(output: string): boolean {
  return cursorOrErase.test(output)
}

/** Cursor addressing (`ESC[row;colH`): a full-screen program drawing, not lines being printed. */
const cursorAddress = /\x1b\[\d*;?\d*[Hf]/

/** Whether `output` draws a screen by addressing the cursor (vi, less, top), rather than printing lines. */
export function addressesCursor(output: string): boolean {
  return cursorAddress.test(output)
}
