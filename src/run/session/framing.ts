// How a session talks to its shell through the terminal: the setup line typed once, the
// framing of each cell, and the scanner that finds "the shell is back at its prompt" in the
// output stream.
//
// The prompt itself is the sentinel: PS1 is `RS shellbook:<token>:<seq>:$? US` (RS = \x1e,
// US = \x1f). Bash prints PS1 after the command, after PROMPT_COMMAND and after job
// notifications ("[1]+ Done …"), so everything a terminal would show for a cell lands before
// it, and `$?` in PS1 is still the cell's status. The token is random per session, so output
// that imitates the sentinel with another token, or the control bytes alone, stays output.
// `<seq>` is the number of the last cell whose line ran to its end (see frameCommand).
import { randomBytes } from 'node:crypto'

const RS = '\x1e'
const US = '\x1f'
/** Longest home or working directory a nested shell's sentinel carries; a longer one is output, as any non-sentinel. */
const PLACE_PART_MAX = 1024
/** Longest `<seq>:<status>[:<home>GS<pwd>]US` after the sentinel's prefix (a nested shell's place, see nested-shells.ts). */
const SENTINEL_TAIL_MAX = 9 + 1 + 3 + 1 + 2 * PLACE_PART_MAX + 2
/**
 * Terminal mode of a session: no echo (the command must not appear in its output), and no
 * canonical line editing, whose 4095-byte line buffer would cut a long cell (cells are typed
 * as one line, see frameCommand). Ctrl-C still interrupts (isig stays on).
 */
const TTY_MODE = 'stty -echo -icanon min 1 time 0'
/** Shell variable holding the number of the last cell that ran to its end. */
const SEQ = '__shellbook_seq'
/** Shell function run after each cell: records its number, keeps its status as `$?`. */
const DONE = '__shellbook_done'
/** Shell function run before each cell: puts it in the history as the reader's shell did (see historyFunction). */
const HISTORY = '__shellbook_history'
/** Shell variable holding the cell's text after history expansion: what `eval` runs. */
const LINE = '__shellbook_line'

/** A fresh random token for one session's sentinel. */
export function newToken(): string {
  return randomBytes(8).toString('hex')
}

/**
 * The line typed once after the shell starts. Readline off (a `docker exec … bash` may have
 * it on; it would echo and redraw), history recording and `!` expansion of the typed framing
 * off (cells go into the history one by one, see historyFunction), mail and auto-logout off;
 * PROMPT_COMMAND re-asserts the prompts before every prompt (a cell may set PS1). The last
 * command turns the terminal's echo and line editing off (see TTY_MODE), so the first
 * sentinel's status says whether that worked.
 */
export function setupLine(token: string, exports: Readonly<Record<string, string>> = {}): string {
  // Typed as backslash escapes: the echo of this very line contains no RS/US byte.
  const ps1 = `\\\\036shellbook:${token}:\\$${SEQ}:\\$?\\\\037`
  // PS0 unset, not empty: bash 5.2 prints stray memory for an empty PS0 after an eval syntax error.
  // In { } 2>/dev/null: a cell's `set -x` does not trace our bookkeeping.
  const promptCommand = `{ PS1='${ps1}';PS2=;unset PS0; } 2>/dev/null`
  // Exported here, not passed in the pty's environment: `docker exec … bash` would not pass it on.
  const exported = Object.entries(exports).map(([name, value]) => `export ${name}=${ansiCQuote(value)}`)
  return [
    ...exported,
    'set +o emacs +o vi +o history +H',
    'unset MAILCHECK TMOUT PROMPT_COMMAND PS0',
    'HISTFILE=~/.bash_history',
    `${SEQ}=0`,
    `${DONE}() { ${SEQ}=$2; return "$1"; }`,
    historyFunction(),
    `PROMPT_COMMAND="${promptCommand}"`,
    `${TTY_MODE}\n`,
  ].join('; ')
}

/**
 * The line typed for cell number `seq`: `{ __shellbook_history $'<cell>'; } 3>&2 2>/dev/null;
 * eval "$__shellbook_line"; { __shellbook_done $? <seq>; } 2>/dev/null` (the redirections
 * keep a cell's `set -x` from tracing our bookkeeping; see historyCall).
 *
 * One eval is one top-level command, so a multi-line cell (continuations, heredocs, several
 * commands) gives one prompt and one status, and an unbalanced quote is a syntax error at
 * once (status 2) instead of a shell waiting for more input. Bash reads the whole line before
 * running any of it, so a `docker exec -it` in the cell cannot swallow later lines. Inside
 * the eval, `$?` is still the previous cell's status, as in a terminal.
 *
 * The cell goes in $'…' on ONE physical line: when eval meets an unterminated quote in text
 * that was typed over several lines, bash 5.2 prints no prompt at all. On one line it does,
 * but when eval meets a syntax error an interactive bash abandons the rest of the line
 * without setting `$?`; the prompt then shows an old `<seq>`,
 * and the session knows the cell did not run to its end.
 */
export function frameCommand(command: string, seq: number): string {
  return `${historyCall(command)}; { ${DONE} $? ${seq}; } 2>/dev/null\n`
}

/**
 * The function that puts each cell in the shell's history before it runs, so `history`,
 * `history -a`, `!!`, `!ls`, `!$` and `rm !$` work as in the reader's terminal. A one-line
 * cell with a `!` is expanded by bash itself (`history -p`, which knows its quoting rules);
 * like an interactive bash it prints the expanded line, and an event not found runs nothing
 * and leaves `$?` as it was. Multi-line cells are not expanded: a reader's bash does not
 * expand heredoc bodies (`#!/bin/bash`). It returns the previous cell's status, so `$?` in
 * the cell is still that one. Its own `!` is escaped: the setup line is typed while `!`
 * expansion is still on.
 */
function historyFunction(): string {
  const expand = `if [[ $1 != *$'\\n'* && $1 == *\\!* ]]; then ${LINE}=$(history -p -- "$1" 2>&3) || { ${LINE}="(exit $s)"; return $s; }; [[ $${LINE} == "$1" ]] || printf '%s\\n' "$${LINE}"; fi`
  return `${HISTORY}() { local s=$?; ${LINE}=$1; ${expand}; history -s -- "$${LINE}"; return $s; }`
}

/**
 * The call of historyFunction for one cell, then the eval of the cell. The call's stderr is
 * /dev/null, so a cell's `set -x` traces none of it; bash's own "history expansion failed"
 * goes to fd 3, the terminal. The line starts with `{`: after a syntax error inside an eval,
 * bash reads the first `{` of the next line as a word, so that line needs a lead (see
 * afterSyntaxError).
 */
function historyCall(command: string): string {
  return `{ ${HISTORY} ${ansiCQuote(command)}; } 3>&2 2>/dev/null; eval "$${LINE}"`
}

/** What goes before the next line after a cell ended in a syntax error: any word but `{`. */
export const AFTER_SYNTAX_ERROR = ':; '

/**
 * As frameCommand, for a command that may be left running and typed into (`cat`, `read`,
 * a REPL): the terminal is back in canonical mode while it runs, so Enter ends a line and
 * Ctrl-D ends the input, as in the reader's terminal. Two `stty` runs: only for such cells.
 */
export function frameCanonicalCommand(command: string, seq: number): string {
  const restore = `${SEQ}_status=$?; ${TTY_MODE}; ${DONE} "$${SEQ}_status" ${seq}`
  return `stty icanon 2>/dev/null; ${historyCall(command)}; { ${restore}; } 2>/dev/null\n`
}

/** Quote text as a bash $'…' word: one line, no byte the terminal would act on (^C, ^D, DEL…). */
export function ansiCQuote(text: string): string {
  let out = "$'"
  for (const char of text) out += ansiCChar(char)
  return out + "'"
}

function ansiCChar(char: string): string {
  if (char === '\\' || char === "'") return `\\${char}`
  if (char === '\n') return '\\n'
  const code = char.charCodeAt(0)
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`
  return char
}

/**
 * A line that proves the shell has read everything typed before it: it re-asserts
 * the terminal mode (an interrupted full-screen program may have left echo on) and prints a
 * marker with a fresh nonce. Prompts seen before the marker are strays of earlier Ctrl-Cs.
 */
export function syncLine(nonce: string): string {
  return `${TTY_MODE}; printf '\\036shellbook-sync:%s\\037' ${nonce}\n`
}

/** The output of syncLine(nonce). */
export function syncMarker(nonce: string): string {
  return `${RS}shellbook-sync:${nonce}${US}`
}

/** What the scanner finds in the stream: output text, or the prompt with the last status. */
export type ScanEvent = { kind: 'text'; text: string } | { kind: 'prompt'; seq: number; status: number }

/** Where a nested shell is: its home and working directories, as its sentinel said. */
export interface ShellPlace {
  home: string
  pwd: string
}

/**
 * Splits the terminal stream into output and prompts. A sentinel may arrive split across
 * chunks, so a tail that could still become one is held back until the next chunk.
 */
export class SentinelScanner {
  readonly #prefix: string
  #pending = ''
  /** The place the last sentinel that carried one said (nested shells say it after each command). */
  lastPlace: ShellPlace | undefined

  constructor(token: string) {
    this.#prefix = `${RS}shellbook:${token}:`
  }

  push(chunk: string): ScanEvent[] {
    const events: ScanEvent[] = []
    let buffer = this.#pending + chunk
    for (;;) {
      const start = buffer.indexOf(this.#prefix)
      if (start === -1) break
      const found = this.#parseStatus(buffer, start + this.#prefix.length)
      if (found === 'incomplete') {
        pushText(events, buffer.slice(0, start))
        this.#pending = buffer.slice(start)
        return events
      }
      if (found === 'invalid') {
        // Our prefix followed by something else is output; look past its first byte.
        pushText(events, buffer.slice(0, start + 1))
        buffer = buffer.slice(start + 1)
        continue
      }
      pushText(events, buffer.slice(0, start))
      if (found.place) this.lastPlace = found.place
      events.push({ kind: 'prompt', seq: found.seq, status: found.status })
      buffer = buffer.slice(found.end)
    }
    const keep = partialPrefixLength(buffer, this.#prefix)
    pushText(events, buffer.slice(0, buffer.length - keep))
    this.#pending = buffer.slice(buffer.length - keep)
    return events
  }

  /** Read `<seq>:<status>[:<home>GS<pwd>]US` at `from`: the numbers, the place if given, and where the sentinel ends. */
  #parseStatus(buffer: string, from: number): { seq: number; status: number; place?: ShellPlace; end: number } | 'incomplete' | 'invalid' {
    const rest = buffer.slice(from, from + SENTINEL_TAIL_MAX)
    const match = sentinelTail.exec(rest)
    if (match?.[1] !== undefined && match[2] !== undefined) {
      const place = match[3] !== undefined && match[4] !== undefined ? { home: match[3], pwd: match[4] } : undefined
      return { seq: Number(match[1]), status: Number(match[2]), ...(place ? { place } : {}), end: from + match[0].length }
    }
    // Not complete yet: wait only if everything after the prefix could still become one.
    return from + rest.length === buffer.length && partialTail.test(rest) ? 'incomplete' : 'invalid'
  }
}

const sentinelTail = new RegExp(`^(\\d{1,9}):(\\d{1,3})(?::([^\\x1d\\x1e\\x1f]{0,${PLACE_PART_MAX}})\\x1d([^\\x1d\\x1e\\x1f]{0,${PLACE_PART_MAX}}))?\\x1f`)
const partialTail = new RegExp(`^\\d{0,9}(:\\d{0,3}(:[^\\x1d\\x1e\\x1f]{0,${PLACE_PART_MAX}}(\\x1d[^\\x1d\\x1e\\x1f]{0,${PLACE_PART_MAX}})?)?)?$`)

function pushText(events: ScanEvent[], text: string): void {
  if (text !== '') events.push({ kind: 'text', text })
}

/** Length of the longest end of `buffer` that is a start of `prefix`. */
function partialPrefixLength(buffer: string, prefix: string): number {
  const lastRs = buffer.lastIndexOf(RS)
  if (lastRs === -1 || buffer.length - lastRs >= prefix.length) return 0
  const tail = buffer.slice(lastRs)
  return prefix.startsWith(tail) ? tail.length : 0
}
