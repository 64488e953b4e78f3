// What the render stage passes around while it renders one lesson in one locale.
import { fillHeadingLabels } from './heading-labels.js'
import type { Cell, LessonPlan } from '../plan/index.js'
import type { CellCapture, LessonRun } from '../captures/index.js'

/** Look up a UI string by its dotted key, `{name}` placeholders filled from `params`. */
export type Translate = (key: string, params?: Record<string, string | number>) => string

/** One lesson, its execution (if it ran) and the strings of its locale. */
export interface LessonContext {
  plan: LessonPlan
  /** Undefined when the lesson never ran (it failed before executing). */
  run: LessonRun | undefined
  /** The plan's cells by id. */
  cells: ReadonlyMap<string, Cell>
  t: Translate
}

/** Why a shown command has no output, or only part of it. */
export interface CellNote {
  kind: 'failed' | 'skipped' | 'truncated' | 'uncaptured' | 'stopped'
  /** Localized sentence. */
  text: string
}

/** One command as a page shows it. */
export interface ShownCommand {
  cellId?: string
  /** Prompt with `<name>` placeholders filled: `/proc/2817/ns# `; `$ ` for Katacoda cells. */
  prompt: string
  /** The command as it ran (placeholders filled), or as written when it did not run. */
  command: string
  /** The real output, absent when there is none to show. */
  output?: string
  /** `uncaptured`: no capture for this command (the lesson did not run, or not this cell). */
  status: CellCapture['status'] | 'uncaptured'
  notes: CellNote[]
}

export function lessonContext(plan: LessonPlan, run: LessonRun | undefined, t: Translate): LessonContext {
  fillHeadingLabels(plan.tree, t)
  return { plan, run, cells: new Map(plan.cells.map((cell) => [cell.id, cell])), t }
}
