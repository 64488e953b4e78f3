// Everything one lesson in one locale needs before its page and its Markdown are rendered,
// computed once for both: the heading labels in its language, and the terminal screens of its
// captures (asynchronous, as xterm is), so both outputs show the same screen.
import type { LessonRun } from '../captures/index.js'
import type { LessonPlan } from '../plan/index.js'
import { fillHeadingLabels } from './heading-labels.js'
import { defaultMaxLines } from './output-lines.js'
import { terminalScreens, type TerminalSize } from './terminal-screen/index.js'
import type { LessonContext, Translate } from './types.js'

export interface LessonContextOptions {
  /** Lines shown at most per output when its cell chooses none (head, tail, lines); 0 = no cap; default `defaultMaxLines` (200). */
  maxLines?: number | undefined
  /** The run's screens when already computed (`runScreens`): locales that share a run share them; default computed here. */
  screens?: ReadonlyMap<string, string> | undefined
}

export async function lessonContext(plan: LessonPlan, run: LessonRun | undefined, t: Translate, options: LessonContextOptions = {}): Promise<LessonContext> {
  fillHeadingLabels(plan.tree, t)
  const screens = options.screens ?? (run ? await runScreens(run, plan.config.terminal) : new Map<string, string>())
  const shownTerminals = new Set(plan.cells.filter((cell) => !cell.options.hidden && cell.script === undefined).map((cell) => cell.options.session))
  return { plan, run, cells: new Map(plan.cells.map((cell) => [cell.id, cell])), t, screens, maxLines: options.maxLines ?? defaultMaxLines, manyTerminals: shownTerminals.size > 1 }
}

/** Cell id → screen, for every capture of `run` whose output a page shows, at the lesson's terminal size. */
export function runScreens(run: LessonRun, size: TerminalSize): Promise<Map<string, string>> {
  const shown = Object.values(run.cells).filter((capture) => (capture.status === 'ok' || capture.status === 'failed') && capture.output !== '')
  return terminalScreens(shown.map((capture) => [capture.cellId, capture.output] as const), size)
}
