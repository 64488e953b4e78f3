// Little words only one of French and English has, plus the spelling habits of each. They
// back franc's verdict on short text, where trigrams of shared roots ("configuration",
// "container", "process") mislead it: "Start a container" reads as French to franc.
import type { Language } from './detect-language.js'

/** Words of one language and not the other (`on`, `a`, `plus`, `son`… belong to both, so to neither). */
const functionWords: Readonly<Record<'fra' | 'eng', ReadonlySet<string>>> = {
  fra: new Set(('le la les un une des du de au aux et ou où est sont être été pour dans sur sous avec par que qui ' +
    'ne pas nous vous il ils elle elles ce cet cette ces sa ses leur leurs mais si tous tout toute toutes peut ' +
    'peuvent pouvez avez avons fait faire comme chaque aussi puis entre alors donc lui notre votre nos vos cela ça voir').split(' ')),
  eng: new Set(('the of to and is are was were be been with for you your it its this that these those they them ' +
    'their we our us can could will would should from at by if or not what who which how when where why there here ' +
    'has have had an as all any in into under than so just also each every some other only see use find about ' +
    'out up do does then after before now more most likely').split(' ')),
}

/** French elisions (`l'hôte`, `qu'une`) and letters English does not use. */
const frenchSpelling = /^(?:[cdjlmnst]|qu)['’]\p{L}|[àâæçéèêëîïôœùûüÿ]/iu
/** English contractions and possessives (`it's`, `don't`, `process's`). */
const englishSpelling = /\p{L}['’](?:s|t|re|ve|ll|d|m)$/iu

/** How many of `words` show they are `language`: its own little words and spellings. */
export function evidenceFor(words: readonly string[], language: Language): number {
  if (language === 'cmn') return 0
  const spelling = language === 'fra' ? frenchSpelling : englishSpelling
  return words.filter((word) => functionWords[language].has(word.toLowerCase()) || spelling.test(word)).length
}
