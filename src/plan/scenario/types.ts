// What a scenario adds to a lesson: its scripts (hidden cells) and the labels of the headings
// shellbook writes for it, kept on the composite file until the tree is parsed.
import type { Point } from 'unist'
import type { ExecScript } from '../../parse/index.js'

export type ScriptKind = ExecScript['kind']

/** A script as the scenario names it, before it becomes a hidden exec block. */
export interface ScriptCell extends ExecScript {
  /** `intro`, `steps[1]`, `finish`; `details.assets` for assets; `environment` for the editor's folder. */
  page: string
  /** What the cell runs, as it is recorded in captures.json. */
  command: string
  /** Where index.json names the script. */
  origin: Point
}

/** A heading shellbook wrote with no text: the renderer fills it in the page's language ("Step 2", "Solution"). */
export type HeadingLabel = { kind: 'step'; step: number } | { kind: 'answer' }

export interface ScenarioData {
  /** Composite line of a script's placeholder comment → the script. */
  scripts: Record<number, ScriptCell>
  /** Composite line of an empty heading → its label. */
  labels: Record<number, HeadingLabel>
  /** The pages' own text, by composite lines: headings in it are moved under the ones shellbook wrote. */
  texts: ScenarioText[]
}

/** One page's file in the composite (intro, a step, its answer, the finish). */
export interface ScenarioText {
  /** First and last composite line of the file. */
  startLine: number
  endLine: number
  /** The level its highest heading takes: 2 under the lesson's title, 3 under a step's heading, 4 under a solution's. */
  topDepth: 2 | 3 | 4
  /** The step's title from index.json: a first heading that repeats it is dropped. */
  title?: string
}

declare module 'vfile' {
  interface DataMap {
    scenario: ScenarioData
  }
}
