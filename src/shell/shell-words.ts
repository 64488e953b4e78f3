// A shell command as simple commands: their words (quotes removed), redirections and the
// heredoc bodies fed to them. Enough to read `sudo docker run -d redis && cat > Dockerfile <<EOF`,
// not a shell: nothing is expanded (`$IMAGE` stays `$IMAGE`), and control words
// (`if`, `then`, `do`) are left to the reader of the words.
import { shellTextSpans, type TextSpan } from './shell-text.js'

/** One word, quotes removed; `offset` is where it starts in the command (its opening quote, if any). */
export interface ShellWord {
  text: string
  offset: number
}

/** `> Dockerfile`, `2>&1`, `<<EOF`: the operator and the word after it (none at the end of a line). */
export interface Redirect {
  operator: string
  target?: ShellWord
}

/** A heredoc body fed to a command's standard input. */
export interface HeredocBody {
  text: string
  /** Where the body starts in the command. */
  offset: number
}

/** A command between operators (`&&`, `||`, `;`, `|`, `&`, newlines, parentheses). */
export interface SimpleCommand {
  words: ShellWord[]
  redirects: Redirect[]
  heredocs: HeredocBody[]
  /** Its output goes to the next command (`|`, `|&`). */
  pipesInto: boolean
  /** It ends with `&`: it runs in the background and the shell goes on at once. */
  backgrounded: boolean
}

const controlOperators = ['&&', '||', ';;', '|&', '|', '&', ';', '(', ')'] as const
// Longest first, so `<<-` is not read as `<<` then `-`.
const redirectOperators = ['<<<', '<<-', '&>>', '<<', '<>', '<&', '>>', '>&', '>|', '&>', '<', '>'] as const

/** How deep `$( $( … ) )` is read: lessons nest one or two; hostile input nests thousands. */
const maxNesting = 4

/**
 * The simple commands of `command`, in order; those inside `$( … )` and backticks come after
 * the command holding them. Offsets count from the start of the text, plus `base`.
 */
export function simpleCommands(command: string, base = 0, nesting = 0): SimpleCommand[] {
  const spans = new Map<number, TextSpan>(shellTextSpans(command).map((span) => [span.start, span]))
  const found: SimpleCommand[] = []
  const nested: SimpleCommand[] = []
  // Which command each `<<` belongs to, by the operator's offset, for its body that comes later.
  const heredocOwners = new Map<number, SimpleCommand>()
  let current = emptyCommand()
  let word: ShellWord | undefined
  let redirect: Redirect | undefined

  const endWord = () => {
    if (word === undefined) return
    if (redirect) redirect.target = word
    else current.words.push(word)
    redirect = undefined
    word = undefined
  }
  const endCommand = (pipesInto: boolean, backgrounded = false) => {
    endWord()
    redirect = undefined
    current.pipesInto = pipesInto
    current.backgrounded = backgrounded
    if (current.words.length + current.redirects.length + current.heredocs.length > 0) found.push(current)
    current = emptyCommand()
  }
  const addText = (text: string, at: number) => {
    word ??= { text: '', offset: base + at }
    word.text += text
  }

  let index = 0
  while (index < command.length) {
    const span = spans.get(index)
    if (span) {
      if (span.kind === 'comment') endWord()
      else if (span.kind === 'heredoc') heredocOwners.get(span.operator)?.heredocs.push({ text: command.slice(span.start, span.bodyEnd), offset: base + span.start })
      // A line continuation joins words (`do\<newline>cker` is `docker`) and starts none.
      else if (!(span.kind === 'escaped' && command[index + 1] === '\n')) addText(unquote(command.slice(span.start, span.end), span.kind), index)
      index = span.end
      continue
    }
    const char = command[index]!
    const control = controlOperators.find((operator) => command.startsWith(operator, index))
    const redirection = redirectOperators.find((operator) => command.startsWith(operator, index))
    if (char === ' ' || char === '\t') {
      endWord()
      index++
    } else if (char === '\n') {
      endCommand(false)
      index++
    } else if (redirection) {
      // `2>&1`: a number glued to the operator is its file descriptor, not a word.
      if (word !== undefined && /^\d+$/.test(word.text) && word.offset + word.text.length === base + index) word = undefined
      endWord()
      redirect = { operator: redirection }
      current.redirects.push(redirect)
      if (redirection === '<<' || redirection === '<<-') heredocOwners.set(index, current)
      index += redirection.length
    } else if (control) {
      endCommand(control === '|' || control === '|&', control === '&')
      index += control.length
    } else if ((char === '$' && command[index + 1] === '(') || char === '`') {
      const end = substitutionEnd(command, index, spans)
      const inner = char === '`' ? command.slice(index + 1, end - 1) : command.slice(index + 2, end - 1)
      // `$(( 1 + 2 ))` is arithmetic, not a command.
      if (!inner.startsWith('(') && nesting < maxNesting) nested.push(...simpleCommands(inner, base + index + (char === '`' ? 1 : 2), nesting + 1))
      addText(command.slice(index, end), index)
      index = end
    } else {
      addText(char, index)
      index++
    }
  }
  endCommand(false)
  return [...found, ...nested]
}

/** Words that may stand before a command without changing which command it is. */
const transparentWords: ReadonlySet<string> = new Set(['sudo', 'time', 'nohup', 'exec', 'command', 'env', 'nice', 'timeout', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{'])

/** The words from the program on, after `sudo -u x`, `VAR=1`, `time`, `then`…: `sudo docker run` → `docker run`. */
export function programWords(words: readonly ShellWord[]): readonly ShellWord[] {
  let index = 0
  while (index < words.length) {
    const text = words[index]!.text
    if (/^[A-Za-z_]\w*=/.test(text)) index++
    else if (text === 'sudo') index = afterOptions(words, index + 1, 'ugpChDrtUT')
    else if (text === 'nice') index = afterOptions(words, index + 1, 'n')
    // `timeout 10s docker run …`: its options, then the duration.
    else if (text === 'timeout') index = afterOptions(words, index + 1, 'sk') + 1
    else if (text === 'env' || text === 'time') index = afterOptions(words, index + 1, 'uCS')
    else if (transparentWords.has(text)) index++
    else break
  }
  return words.slice(index)
}

/** Skip a prefix command's options; `withValue` lists its short options that take the next word. */
function afterOptions(words: readonly ShellWord[], from: number, withValue: string): number {
  let index = from
  while (index < words.length && words[index]!.text.startsWith('-')) {
    const text = words[index]!.text
    index++
    if (text === '--') break
    if (/^-[A-Za-z]$/.test(text) && withValue.includes(text[1]!)) index++
  }
  return index
}

function emptyCommand(): SimpleCommand {
  return { words: [], redirects: [], heredocs: [], pipesInto: false, backgrounded: false }
}

/** The text a quoted string or escaped character stands for. */
function unquote(raw: string, kind: Exclude<TextSpan['kind'], 'comment' | 'heredoc'>): string {
  switch (kind) {
    case 'escaped':
      return raw.slice(1)
    case 'single-quoted':
      return raw.slice(1, raw.length > 1 && raw.endsWith("'") ? -1 : undefined)
    case 'double-quoted':
      return raw.slice(1, raw.length > 1 && raw.endsWith('"') ? -1 : undefined).replace(/\\([$`"\\])/g, '$1').replaceAll('\\\n', '')
    case 'ansi-c-quoted':
      return raw.slice(2, raw.length > 2 && raw.endsWith("'") ? -1 : undefined).replace(/\\(.)/g, '$1')
  }
}

/** Just past the `)` closing `$(` at `start` (or the backtick closing one), quoted text skipped. */
function substitutionEnd(command: string, start: number, spans: ReadonlyMap<number, TextSpan>): number {
  const backtick = command[start] === '`'
  let depth = 0
  let index = backtick ? start + 1 : start + 2
  while (index < command.length) {
    const span = spans.get(index)
    if (span) {
      index = span.end
      continue
    }
    const char = command[index]!
    if (backtick && char === '`') return index + 1
    if (!backtick && char === '(') depth++
    if (!backtick && char === ')' && depth-- === 0) return index + 1
    index++
  }
  return command.length
}
