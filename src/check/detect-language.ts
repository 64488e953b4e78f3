// Which language a piece of prose is written in, among the lesson locales shellbook knows.
// Chinese is told by its Han characters; French and English by franc's trigrams, on the
// words only: identifiers (`redis-server`, `/proc`, `$DBPID`) and acronyms (PID) say
// nothing about the language around them.
import { francAll } from 'franc-min'
import { evidenceFor } from './function-words.js'
import { MIN_PIECE_WORDS } from './prose-pieces.js'

/** ISO 639-3 codes, as franc names languages. */
export type Language = 'fra' | 'eng' | 'cmn'

/** The language of each locale this rule knows (by primary subtag: `zh-CN` → `zh`). */
export const localeLanguages: Readonly<Record<string, Language>> = { fr: 'fra', en: 'eng', zh: 'cmn' }

/** Names for messages. */
export const languageNames: Readonly<Record<Language, string>> = { fra: 'French', eng: 'English', cmn: 'Chinese' }

/**
 * franc scores the winner 1 and the others between 0 and 1. Above this score the runner-up is
 * too close to call ("Installer pstree sur Ubuntu" scores English 0.97). Still close calls
 * pass it ("Process Directory": French 0.92; whole sentences of the lessons: 0.5–0.94), so a
 * verdict against the locale must also be backed by the text's own words (function-words.ts).
 */
const TOO_CLOSE = 0.95

/**
 * The language of `text`, or undefined when it cannot be told reliably. Short text policy:
 * a single word is never judged (a name or a term as often as prose); two or three words
 * only when they are all the prose of their block (a heading, a list item, a label: where
 * untranslated short text stays behind), since shorter pieces inside running text were
 * already merged with their neighbours.
 */
export function detectLanguage(text: string, expected: Language, whole: boolean): Language | undefined {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length
  const words = proseWords(text)
  // Chinese prose freely mixes in English terms ("start一个container"): any Han in a
  // Chinese lesson is Chinese. Elsewhere, Han must at least match the Latin words.
  if (han > 0 && (expected === 'cmn' || (han >= 2 && han >= words.length))) return 'cmn'
  if (words.length < 2 || (words.length < MIN_PIECE_WORDS && !whole)) return undefined
  const [first, second] = francAll(words.join(' '), { only: ['fra', 'eng'], minLength: 0 })
  if (!first || first[0] === 'und' || (second && second[1] > TOO_CLOSE)) return undefined
  const verdict: Language = first[0] === 'fra' ? 'fra' : 'eng'
  if (verdict === expected) return verdict
  // A verdict against the locale needs the text's own words to agree: franc reads "If you know a
  // process's ID, you can find its configuration directory." as French. French always shows
  // itself (accents, elisions, little words); an English heading may not ("Process Directory").
  const support = evidenceFor(words, verdict)
  if (support < evidenceFor(words, expected) || (support === 0 && verdict !== 'eng')) return undefined
  return verdict
}

/** The words of `text` that belong to a language: no identifiers, paths, numbers or acronyms. */
export function proseWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((word) => /\p{L}{2}/u.test(word) && !/[\d/\\_=$<>@#|~{}[\]*:.]/u.test(word) && !/^\p{Lu}{2,}s?$/u.test(word))
}
