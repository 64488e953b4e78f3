// A few long-lived worker threads that check lessons folders, each job under a time limit:
// a job over it has its worker terminated (a hang must not block the run) and replaced.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

export interface FileSummary {
  path: string | null
  hasContent: boolean
  lineCount: number
  messages: Array<{ fatal: boolean; line: number | null; column: number | null; ruleId: string | null; reason: string }>
}

export type RawResult =
  | { type: 'resolved'; checkMs: number; reportMs: number; buildMs: number; reportLength: number; ok: boolean; files: FileSummary[]; polluted: boolean; plan: string[] }
  | { type: 'threw'; phase: 'check' | 'report' | 'build'; ms: number; name: string; code: string | null; message: string; stack: string }
  /** The worker itself died: out of memory, or an error thrown outside the job's promise. */
  | { type: 'died'; ms: number; name: string; message: string; stack: string }
  | { type: 'timeout'; ms: number }

interface Job {
  lessonsDir: string
  slowMs: number
  resolve: (result: RawResult) => void
}

const workerUrl = new URL('./check-worker.mjs', import.meta.url)

/** SHELLBOOK_FUZZ_DIST=/path/to/other/dist checks with that build instead of this checkout's dist/. */
const dist = process.env['SHELLBOOK_FUZZ_DIST'] ? pathToFileURL(path.resolve(process.env['SHELLBOOK_FUZZ_DIST'], 'index.js')).href : undefined

// The main thread's stack (~1 MB) is what the CLI gets; a worker's default is 4 MB and would hide overflows.
const resourceLimits = { stackSizeMb: 1, maxOldGenerationSizeMb: 1024 }

class Slot {
  private worker!: Worker
  private ready!: Promise<void>
  private job: { id: number; job: Job; started: number; timer: NodeJS.Timeout } | undefined
  private nextId = 0

  constructor(private readonly limitMs: number) {
    this.spawn()
  }

  private spawn(): void {
    const worker = new Worker(workerUrl, { resourceLimits, workerData: { dist } })
    this.worker = worker
    let up = false
    this.ready = new Promise((resolve, reject) => {
      worker.once('message', () => {
        up = true
        resolve()
      })
      worker.once('error', reject)
    })
    this.ready.catch(() => undefined)
    worker.on('message', (message: RawResult & { id?: number }) => {
      if (this.job && message.id === this.job.id) this.finish(message)
    })
    // A worker that never came up is not respawned: `ready` rejects, and so does the next check.
    worker.on('error', (error) => up && this.died(error))
    worker.on('exit', (code) => up && this.died(new Error(`worker exited with code ${code}`)))
  }

  private finish(result: RawResult): void {
    const current = this.job
    if (!current) return
    clearTimeout(current.timer)
    this.job = undefined
    current.job.resolve(result)
  }

  private died(error: Error): void {
    const current = this.job
    if (current) this.finish({ type: 'died', ms: performance.now() - current.started, name: error.name, message: error.message, stack: error.stack ?? '' })
    // Idle or not, the next job needs a live worker.
    this.replace()
  }

  private replace(): void {
    const old = this.worker
    old.removeAllListeners()
    old.on('error', () => undefined)
    void old.terminate()
    this.spawn()
  }

  /** Check one folder; rejects only when the worker cannot start (shellbook's dist/ does not load). */
  async run(lessonsDir: string, slowMs: number): Promise<RawResult> {
    await this.ready
    return new Promise((resolve) => {
      const id = this.nextId++
      const started = performance.now()
      const timer = setTimeout(() => {
        this.finish({ type: 'timeout', ms: performance.now() - started })
        this.replace()
      }, this.limitMs)
      this.job = { id, job: { lessonsDir, slowMs, resolve }, started, timer }
      this.worker.postMessage({ id, lessonsDir, slowMs })
    })
  }

  /** A worker whose Object.prototype was changed by a job must not check the next one. */
  recycle(): void {
    this.replace()
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners()
    await this.worker.terminate()
  }
}

export class CheckPool {
  private readonly slots: Slot[]
  private readonly idle: Slot[]
  private readonly waiting: Array<(slot: Slot) => void> = []

  constructor(size: number, limitMs: number, private readonly slowMs: number) {
    this.slots = Array.from({ length: size }, () => new Slot(limitMs))
    this.idle = [...this.slots]
  }

  /** Check `lessonsDir` on the next free worker. */
  async check(lessonsDir: string): Promise<RawResult> {
    const slot = this.idle.pop() ?? (await new Promise<Slot>((resolve) => this.waiting.push(resolve)))
    try {
      const result = await slot.run(lessonsDir, this.slowMs)
      if (result.type === 'resolved' && result.polluted) slot.recycle()
      return result
    } finally {
      const next = this.waiting.shift()
      if (next) next(slot)
      else this.idle.push(slot)
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.close()))
  }
}
