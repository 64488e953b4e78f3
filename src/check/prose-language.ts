// Rule `untranslated-prose`: prose whose language is not the lesson's locale, such as
// English left inside a French lesson. Code is never judged, only prose (see prose-pieces.ts).
import type { Root } from 'mdast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { detectLanguage, languageNames, localeLanguages, type Language } from './detect-language.js'
import { prosePieces } from './prose-pieces.js'
import { warning } from '../messages.js'

/** Warn once for each stretch of prose, within one block, in another language than `locale`'s. */
export function checkProseLanguage(tree: Root, file: VFile, locale: string): void {
  const expected = localeLanguages[locale.split('-')[0]!]
  if (!expected) return
  const found: Array<{ language: Language; block: number; last: number; position: Position }> = []
  prosePieces(tree, file).forEach((piece, index) => {
    const language = detectLanguage(piece.text, expected, piece.whole)
    if (language === undefined || language === expected) return
    const previous = found.at(-1)
    // Consecutive pieces of one block in the same language make one message.
    if (previous?.language === language && previous.block === piece.block && previous.last === index - 1) {
      previous.position.end = piece.position.end
      previous.last = index
    } else {
      found.push({ language, block: piece.block, last: index, position: { ...piece.position } })
    }
  })
  for (const { language, position } of found) {
    warning(file, `Unexpected ${languageNames[language]} prose in a \`${locale}\` lesson, expected ${languageNames[expected]} (untranslated?)`, position, 'untranslated-prose')
  }
}
