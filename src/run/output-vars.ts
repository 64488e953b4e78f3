// Output variables a command uses (`<ns>` read from an earlier cell's capture): read just
// before the step that needs them, from what the lesson has captured so far.
import { readOutputVar, type CellCapture } from '../captures/index.js'
import { excerpt } from '../messages.js'
import { findPlaceholders, type LessonPlan, type Step } from '../plan/index.js'

/** Fill `vars` with the output variables `step` needs; the reason of a message when one matched nothing. */
export function readStepOutputVars(plan: LessonPlan, step: Step, captures: Readonly<Record<string, CellCapture>>, vars: Record<string, string>): string | undefined {
  const expression = step.kind === 'var' ? plan.config.vars[step.name] : undefined
  const needed = step.kind === 'cell' ? step.cell.vars : typeof expression === 'string' ? findPlaceholders(expression).map((placeholder) => placeholder.name) : []
  for (const name of needed) {
    const variable = plan.outputVars[name]
    if (!variable || Object.hasOwn(vars, name)) continue
    const from = captures[variable.cellId]
    const value = readOutputVar(variable, from)
    if (value !== undefined) {
      vars[name] = value
      continue
    }
    const what = from && from.status !== 'skipped' ? `output of \`${excerpt(from.command)}\` with nothing matching` : 'no output to match'
    return `Unexpected ${what} \`/${variable.match}/\`, expected the value of variable \`${name}\``
  }
  return undefined
}
