// One way to run the docker CLI outside a lesson session (inspect, rm, import, version…).
// The result is a value: callers judge the exit code themselves; nothing here throws on failure.
import type { Readable } from 'node:stream'
// zx/core: $ and quote without zx's extras (fetch, globby, YAML…), a tenth of the code to load.
import { $ } from 'zx/core'

/** Per-call options; there is no module-level state. */
export interface DockerOptions {
  /** Engine endpoint, passed as `DOCKER_HOST`; default: whatever the environment says. */
  engine?: string | undefined
  /** Bytes piped to the CLI's stdin (`docker import -`, `docker load`); default: none. */
  input?: string | Buffer | Readable | undefined
  /** Kill the CLI after this many milliseconds; default 60 000. */
  timeoutMs?: number | undefined
  /** Abort the call early (the CLI is killed). */
  signal?: AbortSignal | undefined
  /** Working directory of the CLI (relative paths such as `docker import rootfs.tar`); default: this process's. */
  cwd?: string | undefined
}

/** What one docker CLI call did. */
export interface DockerResult {
  /** The argv after `docker`, as given. */
  args: readonly string[]
  /** Exit status; null when the CLI was killed by a signal (timeout, abort). */
  exitCode: number | null
  signal: string | null
  stdout: string
  stderr: string
  durationMs: number
  /** Killed because `timeoutMs` passed. */
  timedOut: boolean
}

export const defaultDockerTimeoutMs = 60_000

/** Run `docker …args`; each argument is passed as one argv word (zx quotes it), never spliced into a string. */
export async function docker(args: readonly string[], options: DockerOptions = {}): Promise<DockerResult> {
  const timeoutMs = options.timeoutMs ?? defaultDockerTimeoutMs
  // Our own controller, so a timeout is told apart from a caller's abort.
  const ac = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    ac.abort()
  }, timeoutMs)
  const onAbort = (): void => ac.abort()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const env: NodeJS.ProcessEnv = options.engine === undefined ? process.env : { ...process.env, DOCKER_HOST: options.engine }
  const started = Date.now()
  try {
    const output = await $({
      nothrow: true,
      quiet: true,
      verbose: false,
      env,
      ac,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.input === undefined ? {} : { input: options.input }),
    })`docker ${[...args]}`
    return {
      args,
      exitCode: output.exitCode,
      signal: output.signal,
      stdout: output.stdout,
      stderr: output.stderr,
      durationMs: Date.now() - started,
      timedOut,
    }
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onAbort)
  }
}

/** A one-line summary of a failed call, for error messages: the last stderr line that is not a `--help` hint. */
export function dockerFailure(result: DockerResult): string {
  if (result.timedOut) return `timed out after ${result.durationMs} ms`
  const said = lastLines(result.stderr.replace(/^Run 'docker .*--help'.*$/gm, ''), 1)
  return said === '' ? `exit status ${result.exitCode ?? result.signal ?? 'unknown'}` : said
}

/** The last `count` non-empty lines of a tool's output, on one line. */
export function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-count)
    .join(' ⏎ ')
}
