// What a shell session is opened with and what one command gives back, with every default
// in one place.
import { homedir } from 'node:os'
import type { IPtyForkOptions } from 'node-pty'

/**
 * Local shell argv. The flags keep the user's rc files out and readline off; everything else
 * is typed into the shell after it starts, so any argv ending in an interactive bash works
 * (`docker exec -it <host> bash …`).
 */
export const DEFAULT_LOCAL_SHELL: readonly string[] = ['bash', '--noprofile', '--norc', '--noediting', '-i']

/** Every default of a session, in one place. */
export const SESSION_DEFAULTS = {
  cols: 200,
  rows: 50,
  maxOutputBytes: 1024 * 1024,
  /** Time for the shell to start and take the setup line. */
  readyTimeoutMs: 15_000,
  /** Time for the prompt to come back after one Ctrl-C. */
  interruptGraceMs: 3_000,
  /** Quiet output, with no prompt back, after a command that may open a shell (`docker exec -it box sh`): the shell is waiting. */
  nestedQuietMs: 500,
  /** …waited this many times more while it has printed nothing at all (a container starting, its prompt to come). */
  nestedSilentTries: 4,
  /** Time a nested shell has to answer its setup line. */
  nestedAnswerMs: 5_000,
  /** A nested shell that has not answered is asked again after this long. */
  nestedRetryMs: 1_000,
  /** A command left running has settled once quiet this long… */
  settleQuietMs: 1_500,
  /** …or once it ran this long. */
  settleMs: 5_000,
  /** Ctrl-Cs sent before a session is given up. */
  interruptAttempts: 2,
  /** Time for the shell to end after SIGHUP, before SIGKILL. */
  killGraceMs: 2_000,
  /**
   * Parent variables passed on: how the docker client reaches its engine. The shell argv is
   * often `docker exec …` itself, and lessons run `docker`, so without them a DOCKER_HOST
   * setup would break.
   */
  forwardedEnv: ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY'],
  /** What the lesson's shells say they are and speak, unless the lesson says otherwise. */
  exports: { TERM: 'xterm-256color', LANG: 'C.UTF-8' },
  /** PATH of the spawned process when the parent has none. */
  path: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
} as const

export interface SessionOptions {
  /** argv that opens an interactive bash on the host; locally DEFAULT_LOCAL_SHELL. */
  shell: readonly string[]
  /** Terminal width; default 200. */
  cols?: number | undefined
  /** Terminal height; default 50. */
  rows?: number | undefined
  /** Variables exported in the shell once it starts, on any host (`TERM`, `LANG`); default TERM=xterm-256color, LANG=C.UTF-8. */
  exports?: Record<string, string> | undefined
  /** Extra environment, over a clean PATH, HOME, TERM=xterm-256color, LANG=C.UTF-8 and the parent's DOCKER_* client settings. */
  env?: Record<string, string> | undefined
  /** Working directory of the spawned process; default this process's. */
  cwd?: string | undefined
  /** Output kept per command; default 1 MiB; the rest is cut and `truncated` set. */
  maxOutputBytes?: number | undefined
}

export interface CommandResult {
  /** Terminal output of the command only: ANSI and NUL kept, `\r\n` as `\n`, no echo or prompt. */
  output: string
  /** Status the shell reported; the shell's own status if it exited; null if it never returned. */
  exitCode: number | null
  /** ISO date-time the command was sent. */
  startedAt: string
  durationMs: number
  timedOut: boolean
  truncated: boolean
  /** Set when the command was left running in its terminal (see RunOptions.settle): how it ended, as far as known. */
  leftRunning?: LeftRunning
  /** The prompt a reader saw before this cell, inside a nested shell (`/ # `) or a program (`127.0.0.1:6379> `). */
  prompt?: string
}

/** How a command left running ended: not yet, stopped with Ctrl-C, left with the keys typed next, or by itself. */
export type LeftRunning = 'still-running' | 'ctrl-c' | 'keys' | 'ended'

export interface RunOptions {
  /** Time allowed before Ctrl-C (a timeout) or, for release('wait'), before giving up waiting. */
  timeoutMs: number
  signal?: AbortSignal | undefined
  /**
   * A command that may keep running (a server, `top -b`): it is left running, and the lesson
   * goes on, once its output was quiet for `quietMs` or it ran for `settleMs`.
   */
  settle?: { quietMs: number; settleMs: number } | undefined
  /** The command attaches to a shell already waiting (`docker attach box`): the terminal goes into it, with nothing printed first. */
  attachesShell?: boolean | undefined
}

/** Spawn options: a clean environment, never the parent's whole one. */
export function ptyOptions(options: SessionOptions): IPtyForkOptions {
  const forwarded = SESSION_DEFAULTS.forwardedEnv.flatMap((name) => {
    const value = process.env[name]
    return value === undefined ? [] : [[name, value] as const]
  })
  const env = {
    PATH: process.env.PATH ?? SESSION_DEFAULTS.path,
    HOME: homedir(),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    ...Object.fromEntries(forwarded),
    ...options.env,
  }
  const cols = options.cols ?? SESSION_DEFAULTS.cols
  const rows = options.rows ?? SESSION_DEFAULTS.rows
  const base: IPtyForkOptions = { name: env.TERM, cols, rows, env }
  return options.cwd === undefined ? base : { ...base, cwd: options.cwd }
}
