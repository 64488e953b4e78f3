// The prompts a console block's lines start with, as real transcripts write them: `$ `, `# `,
// `/proc/1/ns# `, `~/work$ `, `root@host:~# `, `root@host01:/app# `, `pete@icebox ~ $ `,
// `[root@host ~]# `, `bash-5.1# `, `sh-5.2$ `, `host$ `, `controlplane $ `, `/ # ` (busybox).
// A prompt that names a directory (`~`, `~/…` or `/…`) is where its command runs.

/** A line read as a prompt and the command typed after it. */
export interface PromptLine {
  /** The prompt as written, its final space included. */
  prompt: string
  /** The directory the prompt names, when it names one. */
  cwd?: string
  command: string
}

/** Prompt forms, most specific first; `dir` is the directory part, if any. */
const promptForms: readonly RegExp[] = [
  // [root@host ~]# , [user@host /tmp]$
  /^(?<prompt>\[[\w.-]+@[\w.-]+(?:[ \t]+(?<dir>[^\]\s]+))?\][$#] )(?<command>.*)$/,
  // root@host:~# , root@host01:/app# , pete@icebox ~ $ , user@host$
  /^(?<prompt>[a-z_][\w.-]*@[\w.-]+(?::(?<dir>[~/][^\s$#]*)|[ \t]+(?<spaced>[~/][^\s$#]*)[ \t]*)?[ \t]?[$#] )(?<command>.*)$/,
  // bash-5.1# , sh-5.2$
  /^(?<prompt>(?:ba|da|z|k|a)?sh(?:-\d+(?:\.\d+)*)?[$#] )(?<command>.*)$/,
  // /proc/1/ns# , ~/work$ , / # (busybox)
  /^(?<prompt>(?<dir>[~/][^\s$#]*) ?[$#] )(?<command>.*)$/,
  // host$ , controlplane $ , controlplane:~$ , node01:/app#
  /^(?<prompt>[a-z][\w.-]*(?::(?<dir>[~/][^\s$#]*))?(?:[$#]| \$) )(?<command>.*)$/,
]

/** The plain `$ ` and `# `; a `# ` line may be a comment instead (readsAsComment). */
const barePrompt = /^(?<prompt>[$#] )(?<command>.*)$/

/** Read a line as a prompt and its command; undefined when it is not one. */
export function readPrompt(line: string): PromptLine | undefined {
  const read = readPromptForms(line)
  if (read || !/[$#]$/.test(line) || line === '#') return read
  // A prompt with nothing after it, its final space lost to an editor (`root@host:~#`).
  const empty = readPromptForms(`${line} `)
  return empty && { ...empty, prompt: line }
}

function readPromptForms(line: string): PromptLine | undefined {
  const bare = barePrompt.exec(line)?.groups
  if (bare) {
    if (bare.prompt === '# ' && readsAsComment(bare.command!)) return undefined
    return { prompt: bare.prompt!, command: bare.command! }
  }
  for (const form of promptForms) {
    const groups = form.exec(line)?.groups
    if (!groups) continue
    const read: PromptLine = { prompt: groups.prompt!, command: groups.command! }
    const directory = groups.dir ?? groups.spaced
    // `[root@host app]#` names only the last part of the path: no directory to run in.
    if (directory !== undefined && /^(?:~|~\/.*|\/.*)$/.test(directory)) read.cwd = directory
    return read
  }
  return undefined
}

/** `$docker ps`, `root@host:~#ls`: a prompt with no space before the command, and its width. */
export function unspacedPrompt(line: string): { width: number; word: string } | undefined {
  const match = /^(?<prefix>[a-z_][\w.-]*@[\w.-]+(?::[~/][^\s$#]*)?|\[[\w.-]+@[^\]]*\])?(?<sigil>[$#])(?<word>[a-z][\w.-]*)/.exec(line)
  const { prefix, sigil, word } = match?.groups ?? {}
  // A bare `#` glued to a word is a shell comment (`#!/bin/sh`, `#comment`), never a prompt.
  if (!match || sigil === undefined || word === undefined || (prefix === undefined && sigil === '#')) return undefined
  return { width: (prefix?.length ?? 0) + 1, word }
}

/** Words of English prose that shell commands hardly ever hold. */
const sentenceWords = new Set([
  'a', 'all', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'first', 'for', 'from', 'here', 'if', 'in', 'is', 'it', 'next',
  'not', 'now', 'of', 'on', 'or', 'our', 'that', 'the', 'then', 'these', 'this', 'to', 'we', 'will', 'with', 'you', 'your',
])

/**
 * A `# ` line that reads as a sentence is a comment (in a script, in a `cat`'s output,
 * Prometheus' `# HELP …`), not a root prompt: it starts with a capital letter (not a
 * `NAME=value`), with `#`, `-`, `=` or `*`, holds non-ASCII letters in its first word, or is
 * plain words with a common English one among them (`# wait for it`), or holds a prose
 * parenthesis (`# /etc/passwd anzeigen (erste 15 Zeilen)`: words in `( )` after a word, which
 * as a command would be a syntax error).
 */
export function readsAsComment(text: string): boolean {
  const trimmed = text.trim()
  if (trimmed === '') return false
  const words = trimmed.split(/\s+/)
  const first = words[0]!
  if (/^[#=*-]/.test(first)) return true
  if (/^\p{Lu}/u.test(first) && !/^[A-Z_][A-Z0-9_]*=/.test(first)) return true
  if (/[^\x00-\x7f]/.test(first)) return true
  if (/[^\s$<>=(]\s+\([\p{L}\d.,-]+(?:\s+[\p{L}\d.,-]+)+\)/u.test(trimmed)) return true
  const plain = words.map((word) => /^([a-z]+)[,.:;!?]?$/i.exec(word)?.[1]?.toLowerCase())
  return words.length >= 2 && plain.every((word) => word !== undefined) && plain.some((word) => sentenceWords.has(word!))
}

/**
 * A line a reader would take for a typed command with its prompt (`$ ls`, `root@host:~# ls`,
 * `$docker ps`): in a block that does not run, what follows it would read as captured output.
 * A bare `# ` line is left out: in a block that does not run it is far more often a comment.
 */
export function looksLikePrompt(line: string): boolean {
  if (unspacedPrompt(line) !== undefined) return true
  const read = readPrompt(line)
  return read !== undefined && read.prompt !== '# ' && read.command.trim() !== ''
}
