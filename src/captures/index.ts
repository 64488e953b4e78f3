// Captures stage: lessons/<slug>/captures.json (read with positions, written atomically), which
// locales share one execution, and the decision per execution: frozen, or due to run.
export { emptyCaptures, freezeRun, readCaptures, thawExecution, writeCaptures, type LoadedCaptures } from './captures-file.js'
export { planExecutions, type ExecutionDecision, type LessonExecutions, type PlannedExecution } from './decide.js'
export { groupExecutions, type ExecutionGroup } from './groups.js'
export type { CapturesDocument, FrozenExecution } from './schema.js'
export type { CellCapture, ImageProvenance, LeftRunning, LessonRun, Provenance } from './types.js'
export { updateCaptures } from './update.js'
export { REDACTION_PATTERN, redaction } from './redaction.js'
export { bindOutputVars, readOutputVar, visibleOutput } from './output-vars.js'
