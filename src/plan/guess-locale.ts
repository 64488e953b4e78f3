// The locale a lesson with no lesson.yaml is written in, told from its prose: Chinese by its
// Han characters, the others by franc's trigrams on the words outside code. Public scenarios
// are written in many languages; a page in Turkish must not be called French.
import { francAll } from 'franc-min'

/** franc's ISO 639-3 codes of the languages told apart, and the locale each becomes. */
const locales: Readonly<Record<string, string>> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', tur: 'tr', pol: 'pl',
  rus: 'ru', ukr: 'uk', jpn: 'ja', kor: 'ko', ind: 'id', vie: 'vi', ces: 'cs', swe: 'sv',
}

/**
 * English scoring this close to the winner is too close to call, and English it is: short
 * English prose of shared roots reads as anything ("Write a Dockerfile: Build it: Start a
 * shell container" scores German 1, English 0.98); real French or German prose leaves
 * English far behind (0.6–0.8).
 */
const ENGLISH_TOO_CLOSE = 0.95

/** The prose's locale (`zh`, `fr`, `tr`…), `en` when the prose says too little. */
export function guessLocale(markdown: string): string {
  const prose = markdown
    .replace(/<pre\b[^>]*>[\s\S]*?<\/pre>/gi, ' ')
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/<[^>\n]*>|\{\{[^}\n]*\}\}|https?:\/\/\S+/g, ' ')
  const han = (prose.match(/\p{Script=Han}/gu) ?? []).length
  const kana = (prose.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length
  const letters = (prose.match(/\p{L}/gu) ?? []).length
  if (kana > 0 && kana * 10 >= han) return 'ja'
  if (han > 0 && han * 4 >= letters - han) return 'zh'
  const scores = francAll(prose, { only: Object.keys(locales), minLength: 10 })
  const english = scores.find(([language]) => language === 'eng')?.[1] ?? 0
  if (english >= ENGLISH_TOO_CLOSE) return 'en'
  return locales[scores[0]?.[0] ?? 'und'] ?? 'en'
}
