// Control characters in captured output are shown, never dropped: `/proc/<pid>/environ` is
// NUL-separated, and a stray BEL or ESC is information too. Newline and tab stay as they are.
const controls = /[\u0000-\u0008\u000b-\u001f\u007f]/g

export type TextPiece = { kind: 'text'; value: string } | { kind: 'control'; char: string; picture: string }

/** The Unicode control picture for a C0 control or DEL: `\0` → `␀`, ESC → `␛`, DEL → `␡`. */
export function controlPicture(char: string): string {
  const code = char.charCodeAt(0)
  return code === 0x7f ? '\u2421' : String.fromCharCode(0x2400 + code)
}

/** `U+0007`: how a control character is named in a tooltip. */
export function codePoint(char: string): string {
  return 'U+' + char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
}

/** Split text into plain runs and single control characters. */
export function splitControls(value: string): TextPiece[] {
  const pieces: TextPiece[] = []
  let last = 0
  for (const match of value.matchAll(controls)) {
    if (match.index > last) pieces.push({ kind: 'text', value: value.slice(last, match.index) })
    pieces.push({ kind: 'control', char: match[0], picture: controlPicture(match[0]) })
    last = match.index + 1
  }
  if (last < value.length) pieces.push({ kind: 'text', value: value.slice(last) })
  return pieces
}

/** Text with every control replaced by its picture (for Markdown, which has no tooltips). */
export function showControls(value: string): string {
  return value.replace(controls, controlPicture)
}
