// `shellbook dev`: build once, serve the site on loopback, and build again on every change
// under the lessons (or templates) folder. A build reuses what did not change, as `build`
// does: a prose edit re-renders its pages only; a command edit re-executes its lesson in a
// fresh sandbox (progress in the terminal and in an overlay on the page). Errors show as an
// overlay with file:line. Stopping (Ctrl-C) ends the running build, which removes its sandboxes.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { reporter } from 'vfile-reporter'
import { build, type BuildOptions, type BuildResult } from '../build.js'
import { formatRunEvent } from '../progress.js'
import { createCommandHighlighter } from '../render/index.js'
import type { RunEvent } from '../run/index.js'
import { startDevServer, type DevServer } from './dev-server.js'
import { watchFolders } from './watch-lessons.js'

export interface DevOptions {
  build: BuildOptions
  port: number
  /** Where progress and messages go (the terminal). */
  log: (line: string) => void
  signal: AbortSignal
  /** Called once the server listens, with its address. */
  onListening?: ((url: string) => void) | undefined
}

/** How long the search index waits at most for the open pages to reload after a build. */
const reloadWaitMs = 1_000

/** Runs until `signal` aborts; resolves once the last build ended and the server closed. */
export async function runDev(options: DevOptions): Promise<void> {
  const { log, signal } = options
  const lessonsDir = path.resolve(options.build.lessonsDir ?? 'lessons')
  const outDir = path.resolve(options.build.outDir ?? 'out')
  let server: DevServer | undefined
  let running: Promise<void> | undefined
  let again: string[] = []
  // One highlighter for every build: its grammar is compiled once, not per edit.
  const highlighter = createCommandHighlighter()

  const onEvent = (event: RunEvent) => {
    options.build.onEvent?.(event)
    const line = formatRunEvent(event)
    if (line === undefined || event.kind === 'captures-frozen') return
    log(line)
    // Only an execution is long enough to be worth an overlay.
    if (event.kind === 'captures-stale' || event.kind === 'lesson-start' || event.kind === 'cell-end' || event.kind === 'host-ready') server?.send('building', line)
  }

  const once = async (why: string): Promise<BuildResult> => {
    const started = performance.now()
    let pagesAfter: number | undefined
    // Pages go to the browser as soon as they are written; the search index follows.
    const onPagesWritten = () => {
      pagesAfter = performance.now() - started
      // The open pages reload before the search index is written: the reader's page gets the CPU first.
      return server?.sendAndAwaitReload(reloadWaitMs)
    }
    const result = await build({ ...options.build, onEvent, signal, highlighter, onPagesWritten })
    const ms = Math.round(performance.now() - started)
    const report = reporter(result.files, { quiet: true, verbose: false, color: false })
    if (report) log(reporter(result.files, { quiet: true, verbose: true }))
    const pages = pagesAfter === undefined ? '' : `pages in ${Math.round(pagesAfter)} ms, `
    log(`${result.ok ? '✓ built' : '✗ build failed'}: ${pages}done in ${ms} ms (${why})`)
    server?.send(result.ok ? 'ok' : 'failed', report)
    return result
  }

  const rebuild = (changed: string[]) => {
    if (signal.aborted) return
    if (running) {
      again.push(...changed)
      return
    }
    const why = [...new Set(changed.map((file) => path.relative(process.cwd(), file)))].slice(0, 3).join(', ') + ' changed'
    running = once(why)
      .then(() => undefined, (error: unknown) => log(`✗ build crashed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = undefined
        const next = again
        again = []
        if (next.length > 0) rebuild(next)
      })
  }

  await once('first build')
  if (signal.aborted) return
  server = await startDevServer(path.join(outDir, 'site'), { port: options.port, basePath: options.build.address?.basePath ?? '/' })
  options.onListening?.(server.url)
  // The templates too, when they are the project's own (shellbook's own do not change under it).
  const templates = options.build.templatesDir === undefined ? path.resolve('templates') : path.resolve(options.build.templatesDir)
  const folders = [lessonsDir, ...(existsSync(templates) ? [templates] : [])]
  const stopWatching = watchFolders(folders, rebuild)
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
  stopWatching()
  await running
  await server.close()
}
