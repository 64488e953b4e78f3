// Everything one lesson in one locale needs before its page and its Markdown are rendered,
// computed once for both: the heading labels in its language, and the terminal screens of its
// captures (asynchronous, as xterm is), so both outputs show the same screen.
import type { CellCapture, LessonRun } from '../captures/index.js'
import type { LessonPlan } from '../plan/index.js'
import { fillHeadingLabels } from './heading-labels.js'
import { defaultMaxLines } from './output-lines.js'
import { addressesCursor, terminalScreens, type TerminalSize } from './terminal-screen/index.js'
import type { LessonContext, Translate } from './types.js'

export interface LessonContextOptions {
  /** Lines shown at most per output when its cell chooses none (head, tail, lines); 0 = no cap; default `defaultMaxLines` (200). */
  maxLines?: number | undefined
  /** The run's screens when already computed (`runScreens`): locales that share a run share them; default computed here. */
  screens?: ReadonlyMap<string, string> | undefined
}

export async function lessonContext(plan: LessonPlan, run: LessonRun | undefined, t: Translate, options: LessonContextOptions = {}): Promise<LessonContext> {
  fillHeadingLabels(plan.tree, t)
  const screens = options.screens ?? (run ? await runScreens(run, plan) : new Map<string, string>())
  const shownTerminals = new Set(plan.cells.filter((cell) => !cell.options.hidden && cell.script === undefined).map((cell) => cell.options.session))
  return { plan, run, cells: new Map(plan.cells.map((cell) => [cell.id, cell])), t, screens, maxLines: options.maxLines ?? defaultMaxLines, manyTerminals: shownTerminals.size > 1 }
}

/** Cell id → screen, for every capture of `run` whose output a page shows, at the lesson's terminal size. */
export function runScreens(run: LessonRun, plan: LessonPlan): Promise<Map<string, string>> {
  const outputs: Array<readonly [string, string, string]> = []
  // Per terminal, what its last cell drew: the screen a cell typed into a full-screen program goes
  // on drawing. Lines typed into a line-mode program (redis-cli, a Python prompt) print lines of their own.
  const drawnIn = new Map<string, { capture: CellCapture; drawn: string }>()
  for (const cell of plan.cells) {
    const capture = run.cells[cell.id]
    if (!capture) continue
    const last = drawnIn.get(cell.options.session)
    const before = last && continuesScreen(last.capture, capture) && addressesCursor(last.drawn) && last.drawn.length <= MAX_DRAWN_BEFORE ? last.drawn : ''
    drawnIn.set(cell.options.session, { capture, drawn: before + capture.output })
    if ((capture.status === 'ok' || capture.status === 'failed') && capture.output !== '') outputs.push([capture.cellId, capture.output, before])
  }
  return terminalScreens(outputs, plan.config.terminal)
}

/** Longest screen drawn before that a cell's screen is emulated on (a long session of typing into `vi`). */
const MAX_DRAWN_BEFORE = 256 * 1024

/**
 * Whether `capture` goes on drawing the screen of `previous`: the previous was left with the keys
 * typed next (`vim notes.txt`, then `ihello`), and this one did not see the program end (still
 * drawing, or left with keys in turn). One that saw it end shows what came after it.
 */
function continuesScreen(previous: CellCapture, capture: CellCapture): boolean {
  return previous.leftRunning === 'keys' && capture.leftRunning !== undefined && capture.leftRunning !== 'ended'
}
