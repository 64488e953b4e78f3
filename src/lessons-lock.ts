// One build at a time per lessons folder: a build writes captures.json beside the lessons,
// and two at once would leave one run's pages beside the other run's captures, silently.
// The lock is `<lessonsDir>/.shellbook.lock`; a second build waits for it, then fails clearly.
import { hostname } from 'node:os'
import path from 'node:path'
import { VFile } from 'vfile'
import { acquireLock, displayPath, type LockHolder } from './files/index.js'
import { error } from './messages.js'
import { currentBuildOwner, isOwnerAlive } from './run/engine/labels.js'

/** The lock file's name inside the lessons folder (`.gitignore`d). */
export const LOCK_FILE = '.shellbook.lock'

export interface LessonsLockOptions {
  waitMs: number
  onWait?: ((holder: LockHolder) => void) | undefined
  signal?: AbortSignal | undefined
}

export type LessonsLock = { release: () => void } | { file: VFile }

export async function lockLessons(lessonsDir: string, options: LessonsLockOptions): Promise<LessonsLock> {
  const lockPath = path.join(lessonsDir, LOCK_FILE)
  let outcome
  try {
    outcome = await acquireLock(lockPath, {
      owner: currentBuildOwner().owner,
      isAlive: (holder) => isOwnerAlive(holder.owner),
      waitMs: options.waitMs,
      onWait: options.onWait,
      signal: options.signal,
    })
  } catch (cause) {
    // A read-only lessons folder: no captures can be written there either, so nothing to guard.
    if (['EROFS', 'EACCES', 'EPERM'].includes((cause as NodeJS.ErrnoException).code ?? '')) return { release: () => {} }
    throw cause
  }
  if (outcome.kind === 'acquired') return { release: outcome.release }
  const file = new VFile({ path: displayPath(lockPath) })
  const who = outcome.holder === undefined ? 'a build whose lock cannot be read' : describeHolder(outcome.holder)
  const folder = displayDir(lessonsDir)
  const reason = outcome.kind === 'aborted'
    ? `Unexpected interruption while waiting for ${who} to finish with ${folder}, expected it to finish first`
    : `Unexpected lock of ${folder} still held after ${Number((options.waitMs / 1000).toFixed(1))} s by ${who}, expected that build to finish; wait longer (--wait-lock <seconds>), or remove ${file.path} if no such build runs`
  error(file, reason, undefined, 'lessons-locked')
  return { file }
}

/** `the build of pid 4242 (started 2026-11-24 20:29:18 UTC)`, with its host when it is another one. */
export function describeHolder(holder: LockHolder): string {
  const started = holder.startedAt.slice(0, 19).replace('T', ' ')
  return `the build of pid ${holder.pid}${holder.hostname === hostname() ? '' : ` on ${holder.hostname}`} (started ${started} UTC)`
}

/** `lessons/`: relative to the working folder when inside it, else absolute. */
export function displayDir(dir: string): string {
  return `${displayPath(dir)}/`
}

