// The labels every container, volume and network shellbook creates carries, so what a build
// leaves behind (a SIGKILL, a crash) can be found and removed by whoever comes next.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { hostname } from 'node:os'

/** Label names, one place. */
export const LABELS = {
  /** Unique per build process: `3f9c0a1b2d4e`. */
  build: 'org.shellbook.build',
  /** Who owns it: `<hostname>:<pid>:<process start time>`. */
  owner: 'org.shellbook.owner',
  /** The lesson's slug. */
  lesson: 'org.shellbook.lesson',
} as const

/** The build process that owns what it creates. */
export interface BuildOwner {
  /** `org.shellbook.build`: 12 hex digits, unique per process. */
  buildId: string
  /** `org.shellbook.owner`: `<hostname>:<pid>:<start time>`; the start time tells a reused pid apart. */
  owner: string
}

/**
 * This process as an owner; the same value for the whole process, with no state kept: the
 * build id is a hash of the owner (host, pid, start time), which no other process shares.
 */
export function currentBuildOwner(): BuildOwner {
  const owner = ownerOf(process.pid)
  return { buildId: createHash('sha256').update(owner).digest('hex').slice(0, 12), owner }
}

/** `--label k=v` arguments for `docker run`, `volume create`, `network create`. */
export function labelArgs(owner: BuildOwner, slug: string): string[] {
  return [`${LABELS.build}=${owner.buildId}`, `${LABELS.owner}=${owner.owner}`, `${LABELS.lesson}=${slug}`].flatMap((label) => ['--label', label])
}

/**
 * Whether the owner process still runs: on this host, its pid exists with the same start
 * time. Another host's owner (or a value we cannot read) counts as alive: we cannot tell.
 */
export function isOwnerAlive(owner: string): boolean {
  const match = /^(.+):(\d+):(\d+)$/.exec(owner)
  if (match === null || match[1] !== hostname()) return true
  const pid = Number(match[2])
  const startTime = processStartTime(pid)
  if (startTime !== undefined) return String(startTime) === match[3]
  // No /proc entry: the process is gone, unless this system has no /proc (macOS): then the pid alone tells.
  return !existsSync('/proc/self/stat') && pidExists(pid)
}

function ownerOf(pid: number): string {
  // 0 where there is no /proc: isOwnerAlive then goes by the pid alone.
  return `${hostname()}:${pid}:${processStartTime(pid) ?? 0}`
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Field 22 of /proc/<pid>/stat (clock ticks after boot), or undefined when there is no such process. */
function processStartTime(pid: number): number | undefined {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined // no such process (ENOENT) or no /proc
  }
  // The command name (field 2) is in parentheses and may hold spaces or `)`: count after the last `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const value = Number(fields[22 - 3])
  return Number.isInteger(value) ? value : undefined
}
