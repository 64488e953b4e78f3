// `shellbook dev`: the site on loopback with live reload, rebuilt on every lesson edit.
import { Option, type Command } from 'commander'
import type { HostKind } from '../plan/index.js'
import { basePath, enginesOf, engineOption, imagesOption, lessonsOption, port, positiveInteger, pullOf, pullOption, type PullPolicy } from './options.js'
import { writeErr, type Outcome } from './output.js'

interface DevFlags {
  port: number
  host?: HostKind | undefined
  engine?: string[] | undefined
  lessons?: string | undefined
  out?: string | undefined
  templates?: string | undefined
  images?: string | undefined
  pull?: PullPolicy | undefined
  base?: string | undefined
}

export function addDevCommand(program: Command, outcome: Outcome): void {
  program
    .command('dev')
    .description('build, serve out/site on http://127.0.0.1 and rebuild on every change: a prose edit reloads its page, a command edit re-executes its lesson in a fresh sandbox; Ctrl-C stops it and removes its sandboxes')
    .option('--port <n>', 'port on 127.0.0.1; 0 = any free port', port, 4321)
    .addOption(new Option('--host <kind>', 'where lessons run: sandbox or local (default: each lesson\'s lesson.yaml `host`, else sandbox)').choices(['sandbox', 'local']))
    .addOption(engineOption())
    .addOption(lessonsOption())
    .option('--out <dir>', 'output folder (default: out)')
    .option('--templates <dir>', 'templates folder (default: templates if this folder has one, else shellbook\'s own)')
    .addOption(imagesOption())
    .addOption(pullOption())
    .option('--base <path>', 'serve the site under this folder, as it will be published (default: /)', basePath)
    .action((flags: DevFlags) => runDevCommand(flags, outcome))
}

async function runDevCommand(flags: DevFlags, outcome: Outcome): Promise<void> {
  // Loaded when asked for: the build and the server are no part of `shellbook --help`.
  const { runDev } = await import('../dev/index.js')
  const controller = new AbortController()
  const stop = () => controller.abort()
  process.once('SIGINT', stop).once('SIGTERM', stop)
  try {
    await runDev({
      port: flags.port,
      signal: controller.signal,
      log: writeErr,
      onListening: (url) => writeErr(`serving ${url} (live reload; Ctrl-C stops)`),
      build: {
        lessonsDir: flags.lessons,
        outDir: flags.out,
        templatesDir: flags.templates,
        imagesDir: flags.images,
        host: flags.host,
        engines: await enginesOf(flags.engine),
        pull: pullOf(flags.pull),
        address: { basePath: flags.base ?? '/', siteUrl: undefined },
        // Another build of the same lessons (a second dev, a `build`) is waited for briefly.
        waitLockMs: 30_000,
      },
    })
    // Stopping is how a dev server ends: not a failure.
    outcome.exitCode = 0
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')) throw error
    writeErr(`error  Unexpected port ${flags.port} in use on 127.0.0.1, expected a free one: pass --port <n> (0 = any free port)`)
    outcome.exitCode = 2
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop)
  }
}
