// Compound commands left open: `for … do` with no `done` yet, `if … then` with no `fi`, `case`
// with no `esac`, `{` with no `}`. A shell reading such lines pasted into it (a Katacoda fence
// holding a loop) waits for the rest before it runs anything, so they are one command.
import { simpleCommands } from './shell-words.js'

/** Reserved words that open a compound command, and the word that closes each. */
const closers: Readonly<Record<string, string>> = { for: 'done', while: 'done', until: 'done', select: 'done', if: 'fi', case: 'esac', '{': '}' }
const closing: ReadonlySet<string> = new Set(Object.values(closers))
/** Reserved words after which a command word comes (`then echo`, `do sleep 1`, `! grep`). */
const leading: ReadonlySet<string> = new Set(['then', 'else', 'elif', 'do', '!'])
/** Openers whose next words are not commands (`for i in 1 2 3`, `case $x in`). */
const takesWords: ReadonlySet<string> = new Set(['for', 'select', 'case'])

/** A word that may open one, anywhere: most commands have none, and are not read further. */
const mayOpen = /(?:^|[\s;&|(])(?:for|while|until|select|if|case|\{)(?=\s|$)/

/** True when `command` opens a compound command it does not close. */
export function compoundIsOpen(command: string): boolean {
  if (!mayOpen.test(command)) return false
  const expected: string[] = []
  for (const stage of simpleCommands(command)) {
    for (const word of stage.words) {
      // Quoted, `"done"` is a word like any other.
      if (command.slice(word.offset, word.offset + word.text.length) !== word.text) break
      if (Object.hasOwn(closers, word.text)) {
        expected.push(closers[word.text]!)
        if (takesWords.has(word.text)) break
      } else if (closing.has(word.text)) {
        if (expected.at(-1) === word.text) expected.pop()
      } else if (!leading.has(word.text)) {
        break
      }
    }
  }
  return expected.length > 0
}
