// What `shellbook build` runs: the build with progress on stderr, Ctrl-C as a clean stop,
// then the messages and a summary line. Loaded by build-command.ts when the command runs.
import path from 'node:path'
import { build, type BuildResult } from '../build.js'
import { buildDefaults } from '../build-defaults.js'
import { describeHolder, displayDir } from '../lessons-lock.js'
import { hasWarning } from '../messages.js'
import { createLiveProgress, createRunProgress, formatImageEvent } from '../progress.js'
import type { RunEvent } from '../run/index.js'
import type { BuildFlags } from './build-command.js'
import { enginesOf, pullOf } from './options.js'
import { writeErr, type Outcome } from './output.js'
import { fails, printMessages } from './print-messages.js'

export async function runBuild(slugs: string[], flags: BuildFlags, outcome: Outcome): Promise<void> {
  const controller = new AbortController()
  const stop = () => controller.abort()
  // Once each: a second Ctrl-C finds no listener and ends shellbook at once, without cleanup.
  process.once('SIGINT', stop).once('SIGTERM', stop)
  // A live block on a terminal; plain lines in CI, in a pipe, or a log file.
  const progress = process.stderr.isTTY && (process.stderr.rows ?? 0) > 0 && !process.env['CI'] ? createLiveProgress(process.stderr) : createRunProgress(writeErr)
  // Said once, when the first lesson is about to execute (frozen lessons touch nothing).
  let warned = false
  const onEvent = (event: RunEvent) => {
    if (event.kind === 'captures-stale' && event.host === 'local' && !warned) {
      warned = true
      progress.line('warning: --host local runs the lessons on this machine\'s own Docker engine and shell, one at a time')
    }
    progress.onEvent(event)
  }
  const lessonsDir = path.resolve(flags.lessons ?? buildDefaults.lessonsDir)
  const waitLockMs = flags.waitLock ?? buildDefaults.waitLockMs
  try {
    const result = await build({
      lessonsDir: flags.lessons,
      outDir: flags.out,
      templatesDir: flags.templates,
      imagesDir: flags.images,
      slugs,
      host: flags.host,
      jobs: flags.jobs,
      engines: await enginesOf(flags.engine),
      shard: flags.shard,
      refresh: flags.refresh === true,
      keepGoing: flags.keepGoing === true,
      updateSamples: flags.updateSamples === true,
      pull: pullOf(flags.pull),
      waitLockMs: flags.waitLock,
      maxLines: flags.maxLines,
      pageWorkers: flags.pageWorkers,
      address: { basePath: flags.base ?? '/', siteUrl: flags.siteUrl },
      onLockWait: (holder) => progress.line(`waiting for ${describeHolder(holder)} to finish with ${displayDir(lessonsDir)} (up to ${waitLockMs / 1000} s, --wait-lock)`),
      signal: controller.signal,
      onEvent,
      onImageEvent: (event) => progress.line(formatImageEvent(event)),
    })
    progress.stop()
    await printMessages(result.files, flags.format)
    writeErr(summaryLine(result, flags.frail === true, flags.format === 'json' ? 'on stdout' : 'above'))
    // 130 = interrupted by Ctrl-C, as shells report it.
    outcome.exitCode = controller.signal.aborted ? 130 : fails(result.files, flags.frail) ? 1 : 0
  } finally {
    progress.stop()
    process.off('SIGINT', stop).off('SIGTERM', stop)
  }
}

/** The last line of a build: what was written, or why not. */
function summaryLine(result: BuildResult, frail: boolean, where: string): string {
  const out = displayDir(result.outDir)
  if (result.ok && frail && hasWarning(result.files)) return `build failed: warnings fail it with --frail, see the messages ${where}; the pages are rendered in ${out}`
  const threads = result.renderThreads > 1 ? ` (rendered on ${result.renderThreads} threads)` : ''
  if (result.ok) return `built ${result.report.lessons.length} lesson page(s) into ${out}${threads}`
  const ran = result.lessons.filter((lesson) => lesson.run !== undefined).length
  return ran > 0
    ? `build failed: see the messages ${where}; what was captured is rendered in ${out}`
    : `build failed: see the messages ${where}; no lesson ran`
}
