// The `shellbook` command. Parses arguments, runs the build, prints positioned messages
// (vfile-reporter) and progress on stderr; the exit code says whether everything held.
import path from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import type { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import { build, defaultJobs, type BuildResult } from './build.js'
import type { HostKind } from './plan/index.js'
import { checkLessons } from './check-lessons.js'
import { createLiveProgress, createRunProgress, formatImageEvent } from './progress.js'
import { type RunEvent, buildStandIn, ensureImages, MissingImageError, type ImageEvent, endpointOf, UnknownEngineError, EngineUnreachableError, probeEngine, reapOrphans, removeLabelled, LESSON_HOST_IMAGE } from './run/index.js'

/** Progress and messages go to stderr; once it is closed (`| head`), lines are dropped, never fatal. */
let stderrOpen = true
process.stderr.on('error', () => {
  stderrOpen = false
})
const writeErr = (line: string) => {
  if (stderrOpen) process.stderr.write(line + '\n')
}

/** Run the CLI with `argv` (as in process.argv); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0
  const program = new Command()
    .name('shellbook')
    .description('Run every command of a Markdown lesson on a live Docker host and render localized pages with the real output.')
    .showHelpAfterError()

  program
    .command('build')
    .description('run the lessons that need it and render out/site (HTML), out/md (Markdown) and out/report.json')
    .argument('[slug...]', 'lessons to build (folders of --lessons); default: all')
    .addOption(new Option('--host <kind>', 'where lessons run: sandbox = a disposable Docker-in-Docker host per lesson; local = this machine\'s own engine and shell; default: each lesson\'s lesson.yaml `host`, else sandbox').choices(['sandbox', 'local']))
    .option('--jobs <n>', `executions at once (sandbox host); default ${defaultJobs()} on this machine`, positiveInteger)
    .addOption(new Option('--engine <endpoint>', 'a Docker endpoint (unix:///path.sock, or a docker context name) to run lessons on; repeat it to spread lessons over several engines').argParser(collect).default([], 'the environment\'s'))
    .option('--shard <i/n>', 'build only share i of n of the lessons (by sorted slug), for a CI matrix', shard)
    .option('--out <dir>', 'output folder', 'out')
    .option('--lessons <dir>', 'lessons folder', 'lessons')
    .option('--templates <dir>', 'templates folder', 'templates')
    .option('--images <dir>', 'offline image recipes folder', 'images')
    .option('--refresh [slugs]', 'execute even where the frozen captures (captures.json) match: every lesson built, or the comma-separated slugs given')
    .addOption(pullOption())
    .action(async (slugs: string[], flags: BuildFlags) => {
      const controller = new AbortController()
      const stop = () => controller.abort()
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
      try {
        const result = await build({
          lessonsDir: path.resolve(flags.lessons),
          outDir: path.resolve(flags.out),
          templatesDir: path.resolve(flags.templates),
          imagesDir: path.resolve(flags.images),
          slugs,
          ...(flags.host === undefined ? {} : { host: flags.host }),
          ...(flags.jobs === undefined ? {} : { jobs: flags.jobs }),
          engines: await Promise.all(flags.engine.map(endpointOf)),
          ...(flags.shard === undefined ? {} : { shard: flags.shard }),
          refresh: typeof flags.refresh === 'string' ? flags.refresh.split(',').map((slug) => slug.trim()).filter(Boolean) : flags.refresh === true,
          pull: flags.pull === 'missing',
          signal: controller.signal,
          onEvent,
          onImageEvent: (event) => progress.line(formatImageEvent(event)),
        })
        progress.stop()
        const report = reporter(result.files, { quiet: true, verbose: true })
        if (report) writeErr(report)
        writeErr(summaryLine(result, flags.out))
        // 130 = interrupted by Ctrl-C, as shells report it.
        exitCode = controller.signal.aborted ? 130 : result.ok ? 0 : 1
      } finally {
        progress.stop()
        process.off('SIGINT', stop).off('SIGTERM', stop)
      }
    })

  program
    .command('hosts')
    .description('the lesson host image sandboxes start from')
    .command('build')
    .description('build the lesson-host image from images/lesson-host/ (debootstrap, no registry); kept while its recipe is unchanged')
    .addOption(new Option('--engine <endpoint>', 'engine to build it on; repeat for several').argParser(collect).default([], 'the environment\'s'))
    .option('--images <dir>', 'offline image recipes folder', 'images')
    .option('--force', 'rebuild even when the engine has it from the same recipe')
    .action(async (flags: { engine: string[]; images: string; force?: boolean }) => {
      const endpoints = await enginesOrDefault(flags.engine)
      for (const endpoint of endpoints) {
        const options = {
          imagesDir: path.resolve(flags.images),
          pull: false,
          onEvent: (event: ImageEvent) => writeErr(formatImageEvent(event)),
          engine: endpoint,
        }
        try {
          const [image] = flags.force ? [await buildStandIn(LESSON_HOST_IMAGE, options)] : await ensureImages([LESSON_HOST_IMAGE], options)
          writeErr(`${LESSON_HOST_IMAGE}  ${image!.id}${endpoint === undefined ? '' : `  on ${endpoint}`}`)
        } catch (error) {
          if (!(error instanceof MissingImageError)) throw error
          writeErr(`error  ${error.message}  missing-image`)
          exitCode = 1
        }
      }
    })

  program
    .command('check')
    .description('check lessons without running them (no Docker needed): input, translations, prose language, stale captures')
    .argument('[slug...]', 'lessons to check (folders of --lessons); default: all')
    .option('--lessons <dir>', 'lessons folder', 'lessons')
    .addOption(new Option('--format <format>', 'text: positioned messages (vfile-reporter); json: one object per message, for CI').choices(['text', 'json']).default('text'))
    .option('--frail', 'exit 1 on warnings too, not only on errors')
    .action(async (slugs: string[], flags: { lessons: string; format: 'text' | 'json'; frail?: boolean }) => {
      const result = await checkLessons({ lessonsDir: path.resolve(flags.lessons), slugs })
      if (flags.format === 'json') {
        process.stdout.write(JSON.stringify(messagesAsJson(result.files), null, 2) + '\n')
      } else {
        const report = reporter(result.files, { quiet: true, verbose: true })
        writeErr(report || `${result.files.length} file(s) checked: no problems`)
      }
      const warned = result.files.some((file) => file.messages.some((message) => message.fatal === false))
      exitCode = !result.ok || (flags.frail === true && warned) ? 1 : 0
    })

  program
    .command('clean')
    .description('remove the containers, volumes and networks that builds killed before their cleanup left behind (their owner process is gone)')
    .addOption(new Option('--engine <endpoint>', 'engine to clean; repeat for several').argParser(collect).default([], 'the environment\'s'))
    .option('--all', 'remove every shellbook resource, also those of builds still running')
    .action(async (flags: { engine: string[]; all?: true }) => {
      const endpoints = await enginesOrDefault(flags.engine)
      for (const endpoint of endpoints) {
        const on = endpoint === undefined ? {} : { engine: endpoint }
        const where = endpoint ?? 'the default engine'
        try {
          // Asked first: an engine that does not answer must not read as "nothing to remove".
          await probeEngine({ engine: endpoint })
        } catch (error) {
          if (!(error instanceof EngineUnreachableError)) throw error
          writeErr(`error  ${error.message}  engine-unreachable`)
          exitCode = 1
          continue
        }
        const removed = flags.all === true ? await removeLabelled({ ...on, all: true }) : await reapOrphans(on)
        writeErr(`removed ${removed.containers} container(s), ${removed.volumes} volume(s), ${removed.networks} network(s) ${flags.all === true ? 'of shellbook' : 'left by dead builds'} on ${where}`)
      }
    })

  program
    .command('images')
    .description('make images available: present, pulled, or built offline from images/<name>/ as stand-ins')
    .argument('<name...>', 'image names as lessons write them, e.g. redis:alpine busybox')
    .option('--images <dir>', 'offline image recipes folder', 'images')
    .addOption(pullOption())
    .action(async (names: string[], flags: { images: string; pull: PullPolicy }) => {
      try {
        const images = await ensureImages(names, {
          imagesDir: path.resolve(flags.images),
          pull: flags.pull === 'missing',
          onEvent: (event) => writeErr(formatImageEvent(event)),
        })
        for (const image of images) writeErr(`${image.name}  ${image.id}${image.standIn ? '  (stand-in)' : ''}`)
      } catch (error) {
        if (!(error instanceof MissingImageError)) throw error
        writeErr(`error  ${error.message}  missing-image`)
        exitCode = 1
      }
    })

  try {
    await program.parseAsync(argv)
  } catch (error) {
    if (!(error instanceof UnknownEngineError)) throw error
    writeErr(`error  ${error.message}  unknown-engine`)
    return 2
  }
  return exitCode
}

/** The last line of a build: what was written, or why not. */
function summaryLine(result: BuildResult, out: string): string {
  if (result.ok) return `built ${result.report.lessons.length} lesson page(s) into ${out}/`
  const ran = result.lessons.filter((lesson) => lesson.run !== undefined).length
  return ran > 0
    ? `build failed: see the messages above; what was captured is rendered in ${out}/`
    : 'build failed: see the messages above; no lesson ran'
}

/** `check --format json`: every message with its file, place, severity and rule. */
function messagesAsJson(files: VFile[]) {
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      file: file.path,
      line: message.line ?? null,
      column: message.column ?? null,
      endLine: message.place && 'start' in message.place ? message.place.end.line : null,
      endColumn: message.place && 'start' in message.place ? message.place.end.column : null,
      severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
      ruleId: message.ruleId ?? null,
      source: message.source ?? null,
      reason: message.reason,
    })),
  )
}

type PullPolicy = 'missing' | 'never'

interface BuildFlags {
  host?: HostKind | undefined
  jobs?: number
  engine: string[]
  shard?: { index: number; count: number }
  out: string
  lessons: string
  templates: string
  images: string
  pull: PullPolicy
  refresh?: true | string
}

function positiveInteger(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of at least 1')
  return number
}

/** `2/4` → share 2 of 4. */
function shard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  const [index, count] = [Number(match?.[1]), Number(match?.[2])]
  if (!match || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('expected i/n with 1 ≤ i ≤ n, such as 2/4')
  return { index, count }
}

/** `--engine` values as endpoints; none given: the environment's engine (undefined). */
async function enginesOrDefault(values: readonly string[]): Promise<Array<string | undefined>> {
  return values.length > 0 ? Promise.all(values.map(endpointOf)) : [undefined]
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

/** `--pull`, as docker's own: whether an image the engine lacks is pulled before a stand-in is built. */
function pullOption(): Option {
  return new Option('--pull <policy>', 'an image the engine lacks: missing = try `docker pull` first; never = build its stand-in from images/ at once (no registry traffic)')
    .choices(['missing', 'never'])
    .default('missing')
}
