// Lesson pages rendered on both cores (or more): the build's thread and page workers take
// jobs (one lesson's pages each) from one queue, and the pages are handed on in the order of
// the jobs, whoever rendered them, so files are written and indexed in the same order every build.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import type { PageSite } from '../html-page.js'
import { portableJob, type PageJob, type PortableJob, type RenderedPage } from './page-job.js'

/** What a worker is started with: where to read the templates, and what every page links to. */
export interface PageWorkerData {
  templatesDir: string
  maxLines: number | undefined
  site: PageSite
}

export interface ToWorker { id: number; job: PortableJob }
export type FromWorker = { id: number; pages: RenderedPage[] } | { id: number; error: string }

/**
 * Workers to start for `jobs` jobs when `threads` are allowed: never one without a job of its own,
 * and none for a few jobs unless asked (a worker's start — its modules, templates and grammar —
 * costs more than a few pages). None when run from source (the tests): a thread cannot start a .ts file.
 */
export function pageWorkersFor(jobs: number, threads: number, asked: boolean): number {
  if (workerUrl === undefined || (!asked && jobs < MIN_JOBS_FOR_WORKERS)) return 0
  return Math.max(0, Math.min(threads, jobs - 1))
}
const MIN_JOBS_FOR_WORKERS = 6
/** Jobs a worker holds at once: the next is there when it finishes one, even while the build's thread is busy rendering. */
const JOBS_IN_FLIGHT = 2

export interface RenderJobsOptions {
  jobs: readonly PageJob[]
  /** Render a job on this thread. */
  renderHere: (job: PageJob) => Promise<RenderedPage[]>
  workers: number
  workerData: PageWorkerData
  /** Called with each job's pages, in the order of `jobs`. */
  onRendered: (job: PageJob, pages: RenderedPage[]) => void
}

/** Renders every job; resolves to the threads that rendered at least one (this one included). */
export async function renderJobs(options: RenderJobsOptions): Promise<number> {
  const { jobs } = options
  const results = jobs.map(() => deferred<RenderedPage[]>())
  for (const result of results) result.promise.catch(() => {}) // read in order below
  let next = 0
  const take = () => (next < jobs.length ? next++ : undefined)
  const busy = new Set<object>()
  const workers = Array.from({ length: Math.max(0, options.workers) }, () => new PageWorker(options.workerData))
  const lanes = [
    (async () => {
      for (let index = take(); index !== undefined; index = take()) {
        busy.add(options)
        const pages = options.renderHere(jobs[index]!)
        results[index]!.resolve(pages)
        await pages.catch(() => {})
        // Let the workers' replies in, and give them their next jobs.
        await nextTurn()
      }
    })(),
    ...workers.flatMap((worker) => Array.from({ length: JOBS_IN_FLIGHT }, async () => {
      for (let index = take(); index !== undefined; index = take()) {
        busy.add(worker)
        const pages = worker.render(jobs[index]!)
        results[index]!.resolve(pages)
        await pages.catch(() => {})
      }
    })),
  ]
  try {
    for (const [index, result] of results.entries()) options.onRendered(jobs[index]!, await result.promise)
    return busy.size
  } finally {
    // On a failure: no job is left to a worker that is being stopped.
    next = jobs.length
    await Promise.all(lanes)
    await Promise.all(workers.map((worker) => worker.stop()))
  }
}

// Compiled by tsc, the worker is worker.js beside this module; bundled (scripts/bundle.js), it
// is page-worker.cjs beside the chunk this module is in; run from source, there is none to start.
const workerUrl = import.meta.url.endsWith('.cjs') ? new URL('./page-worker.cjs', import.meta.url) : import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : undefined

/** One worker thread and the jobs posted to it. */
class PageWorker {
  readonly #worker: Worker
  readonly #pending = new Map<number, Deferred<RenderedPage[]>>()
  #lastId = 0
  #failure: Error | undefined

  constructor(data: PageWorkerData) {
    // A worker inherits the process's flags; `--input-type` (node -e with ES modules) is refused for a file.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'))
    this.#worker = new Worker(workerUrl!, { workerData: data, execArgv })
    this.#worker.on('message', (reply: FromWorker) => {
      const pending = this.#pending.get(reply.id)
      this.#pending.delete(reply.id)
      if ('error' in reply) pending?.reject(new Error(`Unexpected failure rendering a page in a page worker: ${reply.error}`))
      else pending?.resolve(reply.pages)
    })
    const fail = (error: Error) => {
      this.#failure ??= error
      for (const pending of this.#pending.values()) pending.reject(error)
      this.#pending.clear()
    }
    this.#worker.on('error', fail)
    this.#worker.on('exit', (code) => fail(new Error(`Unexpected end of a page worker (exit code ${code})`)))
  }

  render(job: PageJob): Promise<RenderedPage[]> {
    if (this.#failure) return Promise.reject(this.#failure)
    const id = ++this.#lastId
    const pending = deferred<RenderedPage[]>()
    this.#pending.set(id, pending)
    this.#worker.postMessage({ id, job: portableJob(job) } satisfies ToWorker)
    return pending.promise
  }

  async stop(): Promise<void> {
    await this.#worker.terminate()
  }
}

interface Deferred<T> { promise: Promise<T>; resolve: (value: T | Promise<T>) => void; reject: (error: Error) => void }

// Promise.withResolvers() is Node 22's.
function deferred<T>(): Deferred<T> {
  let resolve!: Deferred<T>['resolve']
  let reject!: Deferred<T>['reject']
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}
