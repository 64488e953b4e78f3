// The locale a lesson with no lesson.yaml is written in, told from its prose: Chinese by its
// Han characters, French or English by franc's trigrams on the words outside code.
import { franc } from 'franc'

/** `zh`, `fr` or `en` (the default when the prose says too little). */
export function guessLocale(markdown: string): string {
  const prose = markdown
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/<[^>\n]*>|\{\{[^}\n]*\}\}|https?:\/\/\S+/g, ' ')
  const han = (prose.match(/\p{Script=Han}/gu) ?? []).length
  const letters = (prose.match(/\p{L}/gu) ?? []).length
  if (han > 0 && han * 4 >= letters - han) return 'zh'
  return franc(prose, { only: ['fra', 'eng'], minLength: 10 }) === 'fra' ? 'fr' : 'en'
}
