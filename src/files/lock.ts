// An exclusive lock file: created with `open(…, 'wx')` (the filesystem says who was first),
// holding who took it, waited for while its holder lives, taken over once it is gone.
import { randomUUID } from 'node:crypto'
import { readFileSync, statSync, unlinkSync } from 'node:fs'
import { link, open, readFile, rename, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'

/** What a lock file holds: who took it, and when. */
export interface LockHolder {
  pid: number
  hostname: string
  /** An opaque owner id the liveness test reads (shellbook: `<hostname>:<pid>:<process start time>`). */
  owner: string
  /** ISO date the lock was taken. */
  startedAt: string
}

export interface LockOptions {
  /** Whether the process that wrote `holder` still runs; a lock whose holder is gone is taken over. */
  isAlive: (holder: LockHolder) => boolean
  /** The `owner` written into the lock. */
  owner: string
  /** How long to wait for a live holder; 0 = fail at once. */
  waitMs: number
  /** Time between attempts; default 250 ms. */
  pollMs?: number | undefined
  /** Called when a wait starts, and again whenever the holder changes (another waiter got it). */
  onWait?: ((holder: LockHolder) => void) | undefined
  /** Stops the wait. */
  signal?: AbortSignal | undefined
}

export type LockOutcome =
  | { kind: 'acquired'; release: () => void; tookOver: LockHolder[] }
  /** Still held when the wait ended (`undefined`: held, but its content could not be read). */
  | { kind: 'busy' | 'aborted'; holder: LockHolder | undefined }

/** A lock whose content cannot be read is being written (young) or left broken (old: taken over). */
const unreadableGraceMs = 10_000

export async function acquireLock(path: string, options: LockOptions): Promise<LockOutcome> {
  const token = randomUUID()
  const mine: LockHolder & { token: string } = { pid: process.pid, hostname: hostname(), owner: options.owner, startedAt: new Date().toISOString(), token }
  const deadline = Date.now() + options.waitMs
  const tookOver: LockHolder[] = []
  let told: string | undefined
  for (;;) {
    if (await create(path, JSON.stringify(mine, null, 2) + '\n')) return { kind: 'acquired', release: releaser(path, token), tookOver }
    const seen = await read(path)
    if (seen === undefined) continue // released between our attempt and our look: try again
    const holder = seen.holder
    if (holder === undefined ? seen.ageMs > unreadableGraceMs : !options.isAlive(holder)) {
      if (await takeOver(path, seen.text) && holder !== undefined) tookOver.push(holder)
      continue
    }
    if (holder !== undefined && told !== seen.text) {
      told = seen.text
      options.onWait?.(holder)
    }
    const left = deadline - Date.now()
    if (options.signal?.aborted) return { kind: 'aborted', holder }
    if (left <= 0) return { kind: 'busy', holder }
    try {
      await sleep(Math.min(options.pollMs ?? 250, left), undefined, options.signal ? { signal: options.signal } : {})
    } catch {
      return { kind: 'aborted', holder } // the signal fired during the pause
    }
  }
}

/** True when this call created the file; false when it exists. */
async function create(path: string, content: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    await handle.writeFile(content)
  } finally {
    await handle.close()
  }
  return true
}

async function read(path: string): Promise<{ text: string; holder: LockHolder | undefined; ageMs: number } | undefined> {
  let text: string
  let ageMs: number
  try {
    text = await readFile(path, 'utf8')
    ageMs = Date.now() - statSync(path).mtimeMs
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return { text, holder: parseHolder(text), ageMs }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder> | null
    if (typeof value?.pid !== 'number' || typeof value.hostname !== 'string' || typeof value.owner !== 'string' || typeof value.startedAt !== 'string') return undefined
    return { pid: value.pid, hostname: value.hostname, owner: value.owner, startedAt: value.startedAt }
  } catch {
    return undefined // being written, or broken
  }
}

/**
 * Remove the stale lock whose content is `text`, and only that one: moved aside first (atomic),
 * so two waiters that both judged it stale cannot remove each other's fresh lock; a lock that
 * turns out to be another one is put back. True when the stale one was removed.
 */
async function takeOver(path: string, text: string): Promise<boolean> {
  const aside = `${path}.stale-${randomUUID().slice(0, 8)}`
  try {
    await rename(path, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false // someone else removed it
    throw error
  }
  const moved = await readFile(aside, 'utf8')
  if (moved !== text) await link(aside, path).catch(() => {}) // EEXIST: yet another build took it meanwhile
  await unlink(aside)
  return moved === text
}

/**
 * Removes the lock if it is still ours; synchronous, so it also runs from an `exit` handler
 * (process.exit, an uncaught error). A build killed outright leaves it: the next one takes it over.
 */
function releaser(path: string, token: string): () => void {
  const release = () => {
    process.off('exit', release)
    try {
      if ((JSON.parse(readFileSync(path, 'utf8')) as { token?: unknown }).token === token) unlinkSync(path)
    } catch {
      // Gone already, or not ours (taken over after we were judged dead): nothing to remove.
    }
  }
  process.on('exit', release)
  return release
}
