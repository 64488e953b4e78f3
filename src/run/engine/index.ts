// The Docker engine a build talks to: the docker CLI as a value-returning call, endpoints
// and contexts, the probe, the labels on everything shellbook creates, and the reaper.
export { docker, dockerFailure, lastLines, type DockerOptions, type DockerResult } from './docker.js'
export { endpointOf, UnknownEngineError } from './endpoint.js'
export { currentBuildOwner, isOwnerAlive, LABELS, labelArgs, type BuildOwner } from './labels.js'
export { EngineUnreachableError, probeEngine, type EngineInfo, type ProbeOptions } from './probe.js'
export { reapOrphans, removeLabelled, type Removed } from './reaper.js'
