// What running a lesson produces: one capture per cell, the variables' values, provenance.
import type { HostKind } from '../plan/index.js'

/** Output and outcome of one cell. */
export interface CellCapture {
  cellId: string
  /** The command as it ran: placeholders filled in. */
  command: string
  /** Container it ran in, when `in=` was given (resolved). */
  in?: string | undefined
  /** Working directory it ran in, when a prompt named one (resolved). */
  cwd?: string | undefined
  /** Raw terminal output: ANSI kept, CRLF turned into LF, NUL bytes kept. */
  output: string
  /** Exit status; null when the session could not report one (timed out and lost). */
  exitCode: number | null
  expectedExit: number
  durationMs: number
  /** ISO date-time the cell started. */
  startedAt: string
  timedOut: boolean
  /** Output was cut at the size limit. */
  truncated: boolean
  /**
   * A command the lesson left running in its terminal (a server, `top -b`, a REPL) and how it
   * ended: still running when the lesson ended, stopped with Ctrl-C, left by the keys typed
   * after it (`q`, `:wq`), or ended by itself. `durationMs` is how long it ran.
   */
  leftRunning?: LeftRunning | undefined
  /** The prompt a reader saw before typing this cell, when it is not the shell's `$ `: inside a nested shell (`/ # `) or a program (`127.0.0.1:6379> `). */
  prompt?: string | undefined
  /** ok: ran with the expected status; failed: other status or timed out; skipped: not run after an earlier failure; norun: shown only. */
  status: 'ok' | 'failed' | 'skipped' | 'norun'
}

/** How a command the lesson left running ended. */
export type LeftRunning = 'still-running' | 'ctrl-c' | 'keys' | 'ended'

/** Where and when a lesson ran. */
export interface Provenance {
  hostKind: HostKind
  engineVersion: string
  kernel: string
  os: string
  images: ImageProvenance[]
  startedAt: string
  finishedAt: string
}

export interface ImageProvenance {
  /** Name as the lesson wrote it: `redis:alpine`. */
  name: string
  /** Image id (sha256:…) on the engine that ran the lesson. */
  id: string
  /** Built from `images/<name>/` because the engine could not pull it. */
  standIn: boolean
}

/** Everything one execution of a lesson captured. */
export interface LessonRun {
  slug: string
  provenance: Provenance
  cells: Record<string, CellCapture>
  /** Values of lesson variables, as evaluated at first use. */
  vars: Record<string, string>
}
