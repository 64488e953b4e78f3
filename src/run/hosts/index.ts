// Where a lesson runs: "a shell on a machine with a Docker engine". Only the argv that opens
// the shell differs between the local host and a disposable sandbox.
export { HostError, type Host, type HostKind } from './host.js'
export { createLocalHost } from './local-host.js'
export { createSandboxHost, type SandboxHost, type SandboxOptions } from './sandbox-host.js'
export { LESSON_HOST_IMAGE } from './sandbox-run.js'
