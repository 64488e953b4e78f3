// Control characters are shown, never dropped (visible-controls.ts), but a terminal emulator
// ignores NUL, BEL and most other C0 controls. So before output goes through the emulator,
// each control it would swallow becomes a printable stand-in of one column, and once the screen
// is read the stand-ins become the controls again, for the renderers to show as today.
// Line feed, carriage return, backspace and tab are left to the emulator (they move the cursor);
// so are whole escape sequences, whose own bytes (the BEL ending an OSC) are not text.

/** Escape sequences as a terminal parses them: CSI, OSC, DCS/SOS/PM/APC strings, and short ones (`ESC 7`, `ESC ( B`). */
const sequenceOrControl = /(\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[PX^_][^\u001b]*\u001b\\|[ -/]*[0-~]))|[\u0000-\u0007\u000b\u000c\u000e-\u001f\u007f]/g

// Stand-ins from Supplementary Private Use Area-B: one column wide in the emulator, and never
// in real output in practice. Output that does hold one gets Unicode control pictures instead
// (`␀`), shown as they are: a control is still never dropped, only its tooltip is lost.
const sentinelBase = 0x100000
const sentinels = /[\u{100000}-\u{10007f}]/gu
const pictureBase = 0x2400

export interface HiddenControls {
  /** The output with each swallowed control replaced by its stand-in. */
  text: string
  /** Screen text with the stand-ins turned back into the controls they stand for. */
  restore(screen: string): string
}

export function hideControls(output: string): HiddenControls {
  const clash = new RegExp(sentinels.source, 'u').test(output)
  const standIn = (code: number) => (clash ? String.fromCharCode(code === 0x7f ? 0x2421 : pictureBase + code) : String.fromCodePoint(sentinelBase + code))
  const text = output.replace(sequenceOrControl, (whole, sequence: string | undefined) => sequence ?? standIn(whole.charCodeAt(0)))
  return {
    text,
    restore: clash ? (screen) => screen : (screen) => screen.replace(sentinels, (char) => String.fromCharCode(char.codePointAt(0)! - sentinelBase)),
  }
}
