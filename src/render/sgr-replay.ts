// Colours can span lines: `ESC[31m` on one line, `ESC[0m` lines later. Output that is cut
// (head, tail, a range) must not lose the colour a kept line starts in, so the SGR sequences
// in force where it starts are replayed before it. SGR is cumulative, so replaying every
// sequence since the last reset gives the same style, without interpreting any colour.

const sgr = /\u001b\[([0-9;:]*)m/g

/** The SGR sequences to replay before `lines[index]`, so it shows in the style it had in place; '' when none. */
export function sgrBefore(lines: readonly string[], index: number): string {
  let since: string[] = []
  for (let line = 0; line < index; line++) {
    const text = lines[line]!
    if (!text.includes('\u001b')) continue
    for (const match of text.matchAll(sgr)) {
      if (resets(match[1]!)) since = []
      since.push(match[0])
    }
  }
  return since.join('')
}

/** Whether an SGR's parameters hold a reset (`0`, or none): a 0 that is a colour's value (`38;5;0`) is not one. */
function resets(params: string): boolean {
  const list = params.split(';')
  for (let index = 0; index < list.length; index++) {
    const param = list[index]!
    if (param === '' || param === '0') return true
    // 38/48/58 take their colour in the next parameters: `;5;n` or `;2;r;g;b` (with `:` it is one parameter).
    if (param === '38' || param === '48' || param === '58') index += list[index + 1] === '5' ? 2 : list[index + 1] === '2' ? 4 : 0
  }
  return false
}
