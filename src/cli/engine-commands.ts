// The commands that act on Docker engines rather than lessons: `hosts build` (the lesson-host
// image), `clean` (what killed builds left), `images` (images made available ahead of time).
// Each action loads the engine code (zx, the docker CLI wrapper) when it runs, not before.
import path from 'node:path'
import type { Command } from 'commander'
import { buildDefaults } from '../build-defaults.js'
import { projectOrOwnFolder } from '../files/index.js'
import type { ImageEvent } from '../run/index.js'
import { enginesOf, engineOption, imagesOption, pullOf, pullOption, type PullPolicy } from './options.js'
import { writeErr, type Outcome } from './output.js'

/** Each `--engine` given, or the environment's one (undefined). */
async function eachEngine(values: string[] | undefined): Promise<Array<string | undefined>> {
  return (await enginesOf(values)) ?? [undefined]
}

/** Recipes are read from the working folder's images/ unless --images says otherwise, as build does. */
const imagesDirOf = (dir: string | undefined) => (dir === undefined ? projectOrOwnFolder(buildDefaults.imagesDir) : path.resolve(dir))

export function addHostsCommand(program: Command, outcome: Outcome): void {
  program
    .command('hosts')
    .description('the lesson host image sandboxes start from')
    .command('build')
    .description('build the lesson-host image from images/lesson-host/ (debootstrap, no registry); kept while its recipe is unchanged')
    .addOption(engineOption())
    .addOption(imagesOption())
    .option('--force', 'rebuild even when the engine has it from the same recipe')
    .action(async (flags: { engine?: string[] | undefined; images?: string | undefined; force?: true | undefined }) => {
      const [{ buildStandIn, ensureImages, LESSON_HOST_IMAGE, MissingImageError }, { formatImageEvent }] = await Promise.all([import('../run/index.js'), import('../progress.js')])
      for (const endpoint of await eachEngine(flags.engine)) {
        const options = { imagesDir: imagesDirOf(flags.images), pull: false, onEvent: (event: ImageEvent) => writeErr(formatImageEvent(event)), engine: endpoint }
        try {
          const [image] = flags.force ? [await buildStandIn(LESSON_HOST_IMAGE, options)] : await ensureImages([LESSON_HOST_IMAGE], options)
          writeErr(`${LESSON_HOST_IMAGE}  ${image!.id}${endpoint === undefined ? '' : `  on ${endpoint}`}`)
        } catch (error) {
          if (!(error instanceof MissingImageError)) throw error
          writeErr(`error  ${error.message}  missing-image`)
          outcome.exitCode = 1
        }
      }
    })
}

export function addCleanCommand(program: Command, outcome: Outcome): void {
  program
    .command('clean')
    .description('remove the containers, volumes and networks that builds killed before their cleanup left behind (their owner process is gone)')
    .addOption(engineOption())
    .option('--all', 'remove every shellbook resource, also those of builds still running')
    .action(async (flags: { engine?: string[] | undefined; all?: true | undefined }) => {
      const { EngineUnreachableError, probeEngine, reapOrphans, removeLabelled } = await import('../run/index.js')
      for (const endpoint of await eachEngine(flags.engine)) {
        const where = endpoint ?? 'the default engine'
        try {
          // Asked first: an engine that does not answer must not read as "nothing to remove".
          await probeEngine({ engine: endpoint })
        } catch (error) {
          if (!(error instanceof EngineUnreachableError)) throw error
          writeErr(`error  ${error.message}  engine-unreachable`)
          outcome.exitCode = 1
          continue
        }
        const removed = flags.all === true ? await removeLabelled(endpoint === undefined ? { all: true } : { engine: endpoint, all: true }) : await reapOrphans({ engine: endpoint })
        writeErr(`removed ${removed.containers} container(s), ${removed.volumes} volume(s), ${removed.networks} network(s) ${flags.all === true ? 'of shellbook' : 'left by dead builds'} on ${where}`)
      }
    })
}

export function addImagesCommand(program: Command, outcome: Outcome): void {
  program
    .command('images')
    .description('make images available: present, pulled, or built offline from images/<name>/ as stand-ins')
    .argument('<name...>', 'image names as lessons write them, e.g. redis:alpine busybox')
    .addOption(imagesOption())
    .addOption(pullOption())
    .action(async (names: string[], flags: { images?: string | undefined; pull?: PullPolicy | undefined }) => {
      const [{ ensureImages, MissingImageError }, { formatImageEvent }] = await Promise.all([import('../run/index.js'), import('../progress.js')])
      try {
        const images = await ensureImages(names, { imagesDir: imagesDirOf(flags.images), pull: pullOf(flags.pull), onEvent: (event) => writeErr(formatImageEvent(event)) })
        for (const image of images) writeErr(`${image.name}  ${image.id}${image.standIn ? '  (stand-in)' : ''}`)
      } catch (error) {
        if (!(error instanceof MissingImageError)) throw error
        writeErr(`error  ${error.message}  missing-image`)
        outcome.exitCode = 1
      }
    })
}
