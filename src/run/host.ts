// A host is "a shell on a machine with a Docker engine". Only the argv that opens the
// shell differs between kinds; start/stop prepare and clean the machine around a lesson.
import type { Provenance } from './types.js'

export interface Host {
  kind: Provenance['hostKind']
  /** argv that opens an interactive bash on the host. */
  shell: readonly string[]
  /** Before the first command: check the host is fit for the lesson. Throws HostError. */
  start(): Promise<void>
  /** Always called, also after failures: remove what the lesson left behind. */
  stop(): Promise<void>
  /** The engine the lesson's own `docker` talks to, when it is not the build's (a sandbox's inner engine); called after start. */
  describeEngine?(): Promise<{ engineVersion: string; kernel: string; os: string }>
  /** Time start() took, in ms, once started. */
  readyMs?: number
}

/** A host problem that points at the cell that causes it, when one does. */
export class HostError extends Error {
  constructor(message: string, readonly ruleId: string, readonly place?: { line: number; column: number }) {
    super(message)
    this.name = 'HostError'
  }
}
