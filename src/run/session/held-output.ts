// What the output of a command left running says about it: whether it draws a screen (`top`,
// `vi`, `less`) or waits at a prompt of its own (then what the lesson types next is meant for
// it), the prompt a reader saw before typing into it, and the echo of what was typed.

/** Longest last line taken for a program's prompt (`127.0.0.1:6379> `, `Password: `). */
const MAX_PROMPT_LENGTH = 100

/** Every escape sequence: CSI (private ones too: `ESC[>4;2m`), OSC, and two-byte escapes. */
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[P^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]/g
/** Colours and styles only (SGR): what a prompt may hold. */
const SGR = /\x1b\[[\d;]*m/g
/** Escapes a prompt line may carry that draw nothing: cursor-position queries, erase to the end, modes, titles. */
const PROMPT_NOISE = /\x1b\[[\d;?]*[nhlJKt]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g
/** How prompts end: `> `, `# `, `$ `, `: `, `? `, `] ` (a progress line `20%` is none). */
const PROMPT_END = /[>#$:?\]]\s*$/
/** Switching to the alternate screen or back. */
const ALT_SCREEN = /\x1b\[\?(?:1049|1047|47)([hl])/g
/** Cursor addressing and clearing the screen: a program drawing a screen, on the alternate one or not (`top`). */
const DRAWS_SCREEN = /\x1b\[\d*(?:;\d*)?[Hf]|\x1b\[[23]?J/

/** The text of `output` without any escape sequence. */
export function withoutEscapes(output: string): string {
  return output.replace(ESCAPES, '')
}

/** Whether, after `output`, a program is on the full screen: on the alternate one (`vi`, `less`), or drawing the normal one (`top`). `before`: it was already. */
export function drawsScreen(output: string, before = false): boolean {
  let alternate: boolean | undefined
  for (const match of output.matchAll(ALT_SCREEN)) alternate = match[1] === 'h'
  if (alternate !== undefined) return alternate
  return before || DRAWS_SCREEN.test(output)
}

/**
 * The prompt a program left on its last line, waiting for input: plain text (colours at
 * most) after the last line end. Undefined when that line draws (a screen row, a redraw).
 */
export function trailingPrompt(output: string): string | undefined {
  const last = output.slice(output.lastIndexOf('\n') + 1)
  // What a terminal shows of the line: after its last carriage return, without colours,
  // cursor-position queries, erasing to the end and mode switches (busybox ash: `/ # ESC[6n\r/ # ESC[J`).
  const plain = last.slice(last.lastIndexOf('\r') + 1).replace(SGR, '').replace(PROMPT_NOISE, '')
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(plain)) return undefined
  if (plain.length > MAX_PROMPT_LENGTH || !PROMPT_END.test(plain)) return undefined
  // A shell may draw its prompt twice on the same line (`/ # / # `) as its terminal settles.
  const repeated = /^(.*?\s)\1+$/.exec(plain)?.[1]
  return repeated !== undefined && repeated.trim() !== '' ? repeated : plain
}

/** The output without its last line (the prompt trailingPrompt found). */
export function withoutLastLine(output: string): string {
  return output.slice(0, output.lastIndexOf('\n') + 1).replace(/\n$/, '')
}

/**
 * A program echoes what is typed into it, often redrawing its line as each key comes (redis-cli,
 * python's readline): the first line, when it shows the typed text, is the command shown, not output.
 */
export function withoutEcho(output: string, typed: string): string {
  const line = typed.replace(/\r$/, '')
  if (line.trim() === '') return output
  const continued = line.split('\n').length - 1
  if (continued > 0) return withoutContinuationPrompts(output, continued)
  const end = output.indexOf('\n')
  const first = end === -1 ? output : output.slice(0, end)
  if (!withoutEscapes(first).replace(/\r/g, '').includes(line)) return output
  return end === -1 ? '' : output.slice(end + 1)
}

/**
 * Lines typed into a program at once (a loop into python): it asks for each line after the
 * first with its continuation prompt (`... `), all of them before the output. They belong to
 * the lines typed, not to what the loop printed.
 */
function withoutContinuationPrompts(output: string, continued: number): string {
  const prompts = new RegExp(`^(${continuationPrompt.source})\\1{${continued - 1}}`).exec(output)
  return prompts ? output.slice(prompts[0].length) : output
}

/** python's and node's `... `, bash's `> `, mysql's `    -> `, psql's `db-# `, sqlite's `   ...> `. */
const continuationPrompt = /\s*(?:\.{3}>?|->|>|\w*-[#>]) /
