// What the render stage passes around while it renders one lesson in one locale.
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
  /** Cell id → its output as the reader's terminal showed it (terminal-screen/), for every capture with output. */
  screens: ReadonlyMap<string, string>
  /** Lines shown at most per output when its cell chooses none (head, tail, lines); 0 = no cap. */
  maxLines: number
  /** The lesson types into more than one terminal (Katacoda `T2`, `session=`): each block says which. */
  manyTerminals: boolean
}

/** Why a shown command has no output, or only part of it. */
export interface CellNote {
  /** `running`: left running when the lesson went on; `stopped`: with Ctrl-C; `ended`: by itself or by the keys typed next. */
  kind: 'failed' | 'skipped' | 'truncated' | 'uncaptured' | 'stopped' | 'running' | 'ended'
  /** Localized sentence. */
  text: string
}

/** One command as a page shows it. */
export interface ShownCommand {
  cellId?: string
  /** The terminal it was typed in (`1`, `2`, `host2`); absent for a command with no cell. */
  session?: string
  /** Prompt with `<name>` placeholders filled: `/proc/2817/ns# `; `$ ` for Katacoda cells; the captured one when the cell ran inside a shell or program (`/ # `). */
  prompt: string
  /** The command as it ran (placeholders filled), or as written when it did not run. */
  command: string
  /** Control keys pressed instead of a command (`^P^Q` → `Ctrl+P`, `Ctrl+Q`): shown as keys, with no prompt and nothing to copy. */
  keys?: string[]
  /** The real output as its terminal showed it, in pieces when lines were cut; absent when there is none to show. */
  output?: ShownPiece[]
  /** `uncaptured`: no capture for this command (the lesson did not run, or not this cell). */
  status: CellCapture['status'] | 'uncaptured'
  notes: CellNote[]
}

/** Lines of output shown, or the localized marker of a run of lines cut (`… 12 lines cut`). */
export type ShownPiece = { kind: 'lines'; text: string } | { kind: 'cut'; count: number; text: string }
