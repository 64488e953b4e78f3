// Run stage: a lesson plan executed on a host, cell by cell, in pseudo-terminals.
// Sub-folders: session/ (the terminals), hosts/ (where a lesson runs), engine/ (the docker
// CLI, endpoints, labels, the reaper), images/ (images made available, stand-ins).
export type { RunEvent, RunEventHandler } from './events.js'
export { runExecutions, type PoolEngine, type PoolOptions, type HostFactory } from './execution-pool.js'
export { runLesson, type RunLessonOptions } from './run-lesson.js'
export { endpointOf, EngineUnreachableError, currentBuildOwner, isOwnerAlive, probeEngine, reapOrphans, removeLabelled, UnknownEngineError, type EngineInfo } from './engine/index.js'
export { createLocalHost, createSandboxHost, LESSON_HOST_IMAGE, type Host, type SandboxHost, type SandboxOptions } from './hosts/index.js'
export { buildStandIn, EngineImages, ensureImages, MissingImageError, type ImageEvent } from './images/index.js'
export { DEFAULT_LOCAL_SHELL, ShellSession } from './session/index.js'
export { networkHint, recogniseNetworkFailure, reportNoNetwork, type FailedCommand, type NetworkFailure } from './network-hint.js'
