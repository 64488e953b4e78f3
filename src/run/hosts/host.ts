// A host is "a shell on a machine with a Docker engine". Only the argv that opens the
// shell differs between kinds; start/stop prepare and clean the machine around a lesson.
// (An engine elsewhere, `--engine ssh://…` or `tcp://…`, is an engine, not a host kind: the
// sandbox or local host is then made on that engine.)
import type { RuleId } from '../../messages.js'
import type { HostKind } from '../../plan/index.js'

export type { HostKind } from '../../plan/index.js'

export interface Host {
  kind: HostKind
  /** argv that opens an interactive bash on the host. */
  shell: readonly string[]
  /** Environment of that shell, over the session's clean one (the local host's DOCKER_HOST). */
  env?: Record<string, string> | undefined
  /** Working directory the shell starts in; default this process's (a sandbox's shell starts in its own). */
  cwd?: string | undefined

  /** Before the first command: check the host is fit for the lesson. Throws HostError. */
  start(): Promise<void>
  /** Always called, also after failures: remove what the lesson left behind. */
  stop(): Promise<void>
  /** The engine the lesson's own `docker` talks to, when it is not the build's (a sandbox's inner engine); called after start. */
  describeEngine?(): Promise<{ engineVersion: string; kernel: string; os: string }>
  /** Time start() took, in ms, once started. */
  readyMs?: number | undefined
}

/** A host problem that points at the cell that causes it, when one does. */
export class HostError extends Error {
  constructor(message: string, readonly ruleId: RuleId, readonly place?: { line: number; column: number }) {
    super(message)
    this.name = 'HostError'
  }
}
