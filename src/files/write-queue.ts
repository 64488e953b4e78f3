// Many files written at once: each write is a few round trips to the thread pool (mkdir, open,
// write, close, rename), so writing one after the other leaves the process mostly waiting.
// Writes are started as they come, a few at a time; `flush` waits for all and throws the first
// failure (the others still finish, so no temporary file is left behind).
import pLimit from 'p-limit'
import { writeFileAtomic, type WriteOptions } from './write-atomic.js'

export interface WriteQueue {
  write(path: string, data: string | Uint8Array, options?: WriteOptions): void
  flush(): Promise<void>
}

export function createWriteQueue(concurrency = 8): WriteQueue {
  const limit = pLimit(concurrency)
  const pending: Array<Promise<void>> = []
  let failure: { error: unknown } | undefined
  return {
    write(path, data, options) {
      // Caught at once so a failure waits for `flush` instead of being an unhandled rejection.
      pending.push(limit(() => writeFileAtomic(path, data, options)).catch((error: unknown) => void (failure ??= { error })))
    },
    async flush() {
      await Promise.all(pending.splice(0))
      if (failure) {
        const { error } = failure
        failure = undefined
        throw error
      }
    },
  }
}
