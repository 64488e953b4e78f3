// Variables read from a cell's captured output (lesson.yaml `vars: {ns: {cell, match}}`):
// no shell evaluates them, so a binding added to a frozen lesson needs no Docker, and the
// prose bound to one follows the capture in every translation.
import { stripVTControlCharacters } from 'node:util'
import type { Position } from 'unist'
import { visit } from 'unist-util-visit'
import type { LessonPlan, OutputVar } from '../plan/index.js'
import { error, excerpt } from '../messages.js'
import type { CellCapture, LessonRun } from './types.js'

/** The output as a reader reads it: no colour or cursor codes. */
export function visibleOutput(capture: CellCapture): string {
  return stripVTControlCharacters(capture.output)
}

/** The variable's value in `capture`: the pattern's first group, else its whole match; undefined when it matches nothing. */
export function readOutputVar(variable: Pick<OutputVar, 'match'>, capture: CellCapture | undefined): string | undefined {
  if (!capture || capture.status === 'skipped' || capture.status === 'norun') return undefined
  const found = new RegExp(variable.match, 'm').exec(visibleOutput(capture))
  const value = (found?.[1] ?? found?.[0])?.trim()
  return value === '' ? undefined : value
}

/**
 * Put every output variable of `plan` into `run.vars`, read from the captures as they are
 * now (live or frozen). A pattern that matches nothing is an error at the variable's first
 * use in the prose: the page would show a placeholder instead of the value.
 */
export function bindOutputVars(plan: LessonPlan, run: LessonRun): void {
  for (const [name, variable] of Object.entries(plan.outputVars)) {
    const capture = run.cells[variable.cellId]
    const value = readOutputVar(variable, capture)
    if (value !== undefined) {
      run.vars[name] = value
      continue
    }
    // A cell that never ran has its own message already; only a capture that lacks the value is news.
    if (!capture || capture.status === 'skipped' || capture.status === 'norun') continue
    const cell = plan.cells.find((candidate) => candidate.id === variable.cellId)
    error(
      plan.file,
      `Unexpected output of \`${excerpt(capture.command)}\` (line ${cell?.position.start.line ?? '?'}) with nothing matching \`/${variable.match}/\`, expected the value of variable \`${name}\``,
      firstUse(plan, name) ?? cell?.position,
      'var-unmatched',
    )
  }
}

/** Where `:val[name]` first stands in the plan's prose. */
function firstUse(plan: LessonPlan, name: string): Position | undefined {
  let position: Position | undefined
  visit(plan.tree, 'val', (node) => {
    if (position === undefined && node.name === name) position = node.position
  })
  return position
}
