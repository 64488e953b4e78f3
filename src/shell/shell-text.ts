// Which parts of a shell command are text rather than code: quoted strings, escaped
// characters, comments and heredoc bodies. `<name>` placeholders are only looked for
// outside them (so `echo '<b>'` or a heredoc writing `<html>` stays as written), and the
// image finder reads a command's words and the files its heredocs write through the same scan.

/** A quoted string, an escaped character or a comment: `start` is its first character (the quote, `\`, `#`). */
export interface PlainTextSpan {
  kind: 'single-quoted' | 'double-quoted' | 'ansi-c-quoted' | 'escaped' | 'comment'
  start: number
  /** Just past its last character (the closing quote; the end of the line for a comment). */
  end: number
}

/** The body of `<<EOF` (also `<<'EOF'`, `<<-EOF`), from the line after the operator to its terminator line. */
export interface HeredocSpan {
  kind: 'heredoc'
  /** The first character of the body's first line. */
  start: number
  /** Just past the terminator line (or the end of the text when the terminator is missing). */
  end: number
  /** Just past the body: where the terminator line starts. */
  bodyEnd: number
  /** Where its `<<` operator stands in the command. */
  operator: number
  /** The terminator word, quotes removed: `EOF` for `<<'EOF'`. */
  delimiter: string
}

export type TextSpan = PlainTextSpan | HeredocSpan

/** A `<<` whose body has not started yet (it starts after the next unquoted newline). */
interface PendingHeredoc {
  operator: number
  delimiter: string
  /** `<<-`: leading tabs of the terminator line are ignored. */
  stripTabs: boolean
}

/** Characters that end an unquoted word. */
const wordEnd = /[\s;&|<>()]/
/** Characters after which a `#` starts a comment (it must start a word). */
const beforeWord = /[\s;&|<>()]/

/** The text spans of `command`, in order, never overlapping. Unterminated quotes run to the end. */
export function shellTextSpans(command: string): TextSpan[] {
  return scanText(command).spans
}

/**
 * True when a shell reading `command` would wait for more lines: a quote not closed, a heredoc
 * whose terminator line has not come (or whose body has not started), a trailing backslash.
 * Lines pasted into a terminal (a Katacoda fence) run only once the command is whole.
 */
export function commandIsOpen(command: string): boolean {
  const { spans, pendingAtEnd } = scanText(command)
  if (pendingAtEnd) return true
  return spans.some((span) => {
    if (span.end < command.length) return false
    switch (span.kind) {
      case 'heredoc':
        return span.bodyEnd === command.length
      case 'escaped':
        return span.end - span.start < 2
      case 'single-quoted':
      case 'double-quoted':
        return span.end - span.start < 2 || command[span.end - 1] !== command[span.start]
      case 'ansi-c-quoted':
        return span.end - span.start < 3 || command[span.end - 1] !== "'"
      case 'comment':
        return false
    }
  })
}

function scanText(command: string): { spans: TextSpan[]; pendingAtEnd: boolean } {
  const spans: TextSpan[] = []
  const pending: PendingHeredoc[] = []
  // Inside `$(( … ))` or `(( … ))`, `<<` is a left shift, not a heredoc.
  let arithmeticDepth = 0
  let index = 0
  while (index < command.length) {
    const char = command[index]!
    const next = command[index + 1]
    let span: PlainTextSpan | undefined
    if (char === '\\') span = { kind: 'escaped', start: index, end: Math.min(index + 2, command.length) }
    else if (char === "'") span = { kind: 'single-quoted', start: index, end: singleQuotedEnd(command, index + 1) }
    else if (char === '$' && next === "'") span = { kind: 'ansi-c-quoted', start: index, end: escapableEnd(command, index + 2, "'") }
    else if (char === '"') span = { kind: 'double-quoted', start: index, end: escapableEnd(command, index + 1, '"') }
    else if (char === '#' && (index === 0 || beforeWord.test(command[index - 1]!))) span = { kind: 'comment', start: index, end: lineEnd(command, index) }
    if (span) {
      spans.push(span)
      index = span.end
    } else if (char === '\n' && pending.length > 0) {
      index = readBodies(command, index + 1, pending.splice(0), spans)
    } else if (arithmeticDepth > 0) {
      if (char === '(') arithmeticDepth++
      if (char === ')') arithmeticDepth--
      index++
    } else if (char === '(' && next === '(') {
      arithmeticDepth = 2
      index += 2
    } else if (char === '<' && next === '<') {
      // `<<<` is a here-string: its word is on the same line, there is no body.
      if (command[index + 2] === '<') {
        index += 3
        continue
      }
      const heredoc = readOperator(command, index)
      if (heredoc) pending.push(heredoc.pending)
      index = heredoc?.end ?? index + 2
    } else {
      index++
    }
  }
  return { spans, pendingAtEnd: pending.length > 0 }
}

function singleQuotedEnd(command: string, from: number): number {
  const close = command.indexOf("'", from)
  return close === -1 ? command.length : close + 1
}

/** End of a `"…"` or `$'…'` string, where a backslash escapes the next character. */
function escapableEnd(command: string, from: number, quote: string): number {
  for (let index = from; index < command.length; index++) {
    if (command[index] === '\\') index++
    else if (command[index] === quote) return index + 1
  }
  return command.length
}

function lineEnd(command: string, from: number): number {
  const newline = command.indexOf('\n', from)
  return newline === -1 ? command.length : newline
}

/** Read `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"`, `<<\EOF` at `operator`; undefined when no word follows. */
function readOperator(command: string, operator: number): { pending: PendingHeredoc; end: number } | undefined {
  let index = operator + 2
  const stripTabs = command[index] === '-'
  if (stripTabs) index++
  while (command[index] === ' ' || command[index] === '\t') index++
  let delimiter = ''
  while (index < command.length && !wordEnd.test(command[index]!)) {
    const char = command[index]!
    if (char === "'" || char === '"') {
      const close = char === "'" ? singleQuotedEnd(command, index + 1) : escapableEnd(command, index + 1, '"')
      const closed = close - 1 > index && command[close - 1] === char
      const inner = command.slice(index + 1, closed ? close - 1 : close)
      delimiter += char === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner
      index = close
    } else if (char === '\\') {
      delimiter += command[index + 1] ?? ''
      index += 2
    } else {
      delimiter += char
      index++
    }
  }
  if (delimiter === '') return undefined
  return { pending: { operator, delimiter, stripTabs }, end: index }
}

/** Read the bodies of `pending` heredocs one after the other from `from`; returns where the code resumes. */
function readBodies(command: string, from: number, pending: readonly PendingHeredoc[], spans: TextSpan[]): number {
  let lineStart = from
  for (const heredoc of pending) {
    const start = lineStart
    // With no terminator line, the body runs to the end of the text.
    let bodyEnd = command.length
    let end = command.length
    while (lineStart < command.length) {
      const lineStop = lineEnd(command, lineStart)
      const line = command.slice(lineStart, lineStop)
      const current = lineStart
      lineStart = Math.min(lineStop + 1, command.length)
      if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter) {
        bodyEnd = current
        end = lineStop
        break
      }
    }
    spans.push({ kind: 'heredoc', start, end, bodyEnd, operator: heredoc.operator, delimiter: heredoc.delimiter })
  }
  return lineStart
}
