// Lessons made of several files: Katacoda/Killercoda scenarios (index.json) and loose Markdown folders.
export { attachScenarioNodes, SCRIPT_SESSION } from './scenario-nodes.js'
export { describeOrigin, originOf, relocateMessages } from './composite.js'
export type { LoadedScenario } from './load-scenario.js'
export { loadScenario } from './load-scenario-lazily.js'
export { loadLooseFolder } from './loose-folder.js'
export type { HeadingLabel, ScriptKind } from './types.js'
