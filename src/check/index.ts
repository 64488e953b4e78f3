// Lint rules `shellbook check` runs on a parsed lesson: what can be told without running it.
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { checkGluedMarkers } from './glued-markers.js'
import { checkProseLanguage } from './prose-language.js'
import { checkPromptsNotRun } from './prompts-not-run.js'
import { checkTypedPrompts } from './typed-prompts.js'

export { checkGluedMarkers } from './glued-markers.js'
export { checkProseLanguage } from './prose-language.js'
export { checkProseDrift } from './prose-drift.js'
export { checkClaims, lineMatches, matchClaim, type ClaimOutcome } from './claims/index.js'
export { checkSampleChanges } from './sample-changes.js'

/** Run every lint rule on one parsed lesson file of `locale`; findings are warnings on `file`. */
export function lintLesson(tree: Root, file: VFile, locale: string): void {
  checkGluedMarkers(tree, file)
  checkProseLanguage(tree, file, locale)
  checkPromptsNotRun(tree, file)
  checkTypedPrompts(tree, file)
}
