// `shellbook build`: its options and help. What it runs (the whole pipeline) is build-action.ts,
// loaded only when the command runs, so `shellbook --help` and `check` do not pay for it.
import { type Command, Option } from 'commander'
import { buildDefaults, defaultJobs, defaultPageWorkers } from '../build-defaults.js'
import type { HostKind } from '../plan/index.js'
import { basePath, engineOption, siteUrl, formatOption, frailOption, imagesOption, lessonsOption, positiveInteger, pullOption, secondsAsMs, shard, wholeNumber, type PullPolicy } from './options.js'
import type { Format, Outcome } from './output.js'

export interface BuildFlags {
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
  pageWorkers?: number | undefined
  base?: string | undefined
  siteUrl?: string | undefined
}

export function addBuildCommand(program: Command, outcome: Outcome): void {
  program
    .command('build')
    .description('run the lessons that need it and render out/site (HTML), out/md (Markdown) and out/report.json')
    .argument('[slug...]', 'lessons to build: their folder names in --lessons, or paths to them; default: all')
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
    .option('--page-workers <n>', `threads rendering pages beside the build's own, for a site of many lessons: one per core beyond two, as the search indexer takes the second (default: ${defaultPageWorkers()} on this machine)`, wholeNumber)
    .option('--base <path>', 'the folder the site is published under, such as /docs/ for a GitHub Pages project site: used by the 404 page, canonical links and sitemap.xml (default: /)', basePath)
    .option('--site-url <url>', 'the address the site is published at, such as https://example.org: canonical links, hreflang and sitemap.xml become absolute (default: none, links stay relative)', siteUrl)
    .option('--wait-lock <seconds>', `how long to wait for another build of the same lessons folder to finish (default: ${buildDefaults.waitLockMs / 1000})`, secondsAsMs)
    .action(async (slugs: string[], flags: BuildFlags) => {
      const { runBuild } = await import('./build-action.js')
      await runBuild(slugs, flags, outcome)
    })
}
