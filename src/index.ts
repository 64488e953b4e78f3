// shellbook's public API: the stages (parse → plan → captures → run → render), the messages
// every problem becomes, and the build that ties them.
export { build, type BuildOptions, type BuildResult } from './build.js'
export { checkLessons, type CheckOptions, type CheckResult } from './check-lessons.js'
export type { LockHolder } from './files/index.js'
export { rules, type RuleId } from './messages.js'
export {
  createProcessor, parseLesson,
  remarkConsoleBlocks, remarkDirectivesToText, remarkInputLimits, remarkKatacodaEditorFiles, remarkKatacodaFences, remarkKatacodaMarkers, remarkVal,
} from './parse/index.js'
export type { ExecBlock, ExecCommand, ExecInline, ExecScript, RawAttributes, Val } from './parse/index.js'
export { findLessonSlugs, inferImages, loadLesson, planLesson, relocateMessages, scanLessonsFolder } from './plan/index.js'
export type { Cell, CellOptions, HostKind, LessonConfig, LessonFolder, LessonPlan, LoadedLesson, Step } from './plan/index.js'
export { planExecutions, readCaptures, writeCaptures } from './captures/index.js'
export type { CellCapture, ExecutionDecision, ImageProvenance, LessonExecutions, LessonRun, Provenance } from './captures/index.js'
export {
  createLocalHost, createSandboxHost, DEFAULT_LOCAL_SHELL, EngineUnreachableError, ensureImages, LESSON_HOST_IMAGE, MissingImageError,
  probeEngine, reapOrphans, removeLabelled, runExecutions, runLesson, ShellSession,
} from './run/index.js'
export type { EngineInfo, Host, HostFactory, ImageEvent, PoolEngine, PoolOptions, RunEvent, RunLessonOptions, SandboxHost, SandboxOptions } from './run/index.js'
export { renderSite } from './render/index.js'
export { buildReport, type Report } from './report.js'
