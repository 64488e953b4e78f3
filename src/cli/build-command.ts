// `shellbook build`: run the lessons that need it, render the site, print the messages.
import path from 'node:path'
import { type Command, Option } from 'commander'
import { build, buildDefaults, defaultJobs, type BuildResult } from '../build.js'
import { describeHolder, displayDir } from '../lessons-lock.js'
import { hasWarning } from '../messages.js'
import type { HostKind } from '../plan/index.js'
import { createLiveProgress, createRunProgress, formatImageEvent } from '../progress.js'
import type { RunEvent } from '../run/index.js'
import { basePath, enginesOf, engineOption, siteUrl, formatOption, frailOption, imagesOption, lessonsOption, positiveInteger, pullOf, pullOption, secondsAsMs, shard, wholeNumber, type PullPolicy } from './options.js'
import { fails, printMessages, writeErr, type Format, type Outcome } from './output.js'

interface BuildFlags {
  host?: HostKind | undefined
  jobs?: number | undefined
  engine?: string[] | undefined
  shard?: { index: number; count: number } | undefined
  out?: string | undefined
  lessons?: string | undefined
  templates?: string | undefined
  images?: string | undefined
  refresh?: true | undefined
  keepGoing?: true | undefined
  updateSamples?: true | undefined
  pull?: PullPolicy | undefined
  format: Format
  frail?: true | undefined
  waitLock?: number | undefined
  maxLines?: number | undefined
  base?: string | undefined
  siteUrl?: string | undefined
}

export function addBuildCommand(program: Command, outcome: Outcome): void {
  program
    .command('build')
    .description('run the lessons that need it and render out/site (HTML), out/md (Markdown) and out/report.json')
    .argument('[slug...]', 'lessons to build (folders of --lessons); default: all')
    .addOption(new Option('--host <kind>', 'where lessons run: sandbox = a disposable Docker-in-Docker host per lesson; local = this machine\'s own engine and shell (default: each lesson\'s lesson.yaml `host`, else sandbox)').choices(['sandbox', 'local']))
    .option('--jobs <n>', `executions at once (sandbox host) (default: ${defaultJobs()} on this machine)`, positiveInteger)
    .addOption(engineOption())
    .option('--shard <i/n>', 'build only share i of n of the lessons (by sorted slug), for a CI matrix', shard)
    .option('--out <dir>', `output folder (default: ${buildDefaults.outDir})`)
    .addOption(lessonsOption())
    .option('--templates <dir>', `templates folder (default: ${buildDefaults.templatesDir} if this folder has one, else shellbook's own)`)
    .addOption(imagesOption())
    .option('--refresh', 'execute the lessons built even where their frozen captures (captures.json) match: `build foo --refresh` re-executes foo (and builds only it), `build --refresh` every lesson')
    .addOption(pullOption())
    .addOption(formatOption())
    .option('--keep-going', 'run every command of a lesson even after one failed, as a reader keeps typing: every failure is reported at its line and shown on the page (the build still fails); default: stop the lesson at its first failure')
    .option('--update-samples', 'write each command\'s real output into the lesson\'s Markdown in place of the sample output its author wrote under it (every locale; only sample lines change, `...` elisions stay)')
    .addOption(frailOption())
    .option('--max-lines <n>', `show at most n lines of each command's output (its first and last halves, a "… N lines cut" line between) unless its cell picks its own with {head=…}, {tail=…} or {lines=…}; captures.json keeps all of it; 0 = no cap (default: ${buildDefaults.maxLines})`, wholeNumber)
    .option('--base <path>', 'the folder the site is published under, such as /docs/ for a GitHub Pages project site: used by the 404 page, canonical links and sitemap.xml (default: /)', basePath)
    .option('--site-url <url>', 'the address the site is published at, such as https://example.org: canonical links, hreflang and sitemap.xml become absolute (default: none, links stay relative)', siteUrl)
    .option('--wait-lock <seconds>', `how long to wait for another build of the same lessons folder to finish (default: ${buildDefaults.waitLockMs / 1000})`, secondsAsMs)
    .action((slugs: string[], flags: BuildFlags) => runBuild(slugs, flags, outcome))
}

async function runBuild(slugs: string[], flags: BuildFlags, outcome: Outcome): Promise<void> {
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
      address: { basePath: flags.base ?? '/', siteUrl: flags.siteUrl },
      onLockWait: (holder) => progress.line(`waiting for ${describeHolder(holder)} to finish with ${displayDir(lessonsDir)} (up to ${waitLockMs / 1000} s, --wait-lock)`),
      signal: controller.signal,
      onEvent,
      onImageEvent: (event) => progress.line(formatImageEvent(event)),
    })
    progress.stop()
    printMessages(result.files, flags.format)
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
  if (result.ok) return `built ${result.report.lessons.length} lesson page(s) into ${out}`
  const ran = result.lessons.filter((lesson) => lesson.run !== undefined).length
  return ran > 0
    ? `build failed: see the messages ${where}; what was captured is rendered in ${out}`
    : `build failed: see the messages ${where}; no lesson ran`
}
