// Make the images a lesson names available on the engine: present → use; pullable → pull;
// else build a stand-in from images/<repo>/ (see stand-in.ts) and say so in provenance.
import { z } from '../../zod.js'
import { docker, dockerFailure, type DockerOptions } from '../engine/index.js'
import { MissingImageError } from './missing-image-error.js'
import { parseImageName, recipeNameOf, type ImageName } from './image-name.js'
import { loadRecipe, recipeHashLabel, standInLabel, type Recipe } from './recipe.js'
import { importStandIn } from './stand-in.js'
import { ownFolder } from '../../files/own-folder.js'
import type { ImageProvenance } from '../../captures/index.js'


/** Progress of `ensureImages`, one tagged event per step. */
export type ImageEvent =
  | { kind: 'image-pull'; name: string }
  | { kind: 'image-pull-failed'; name: string; reason: string; durationMs: number }
  | { kind: 'image-build'; name: string; recipe: string; cause: 'missing' | 'recipe-changed' | 'forced' }
  | {
      kind: 'image-ready'
      name: string
      id: string
      standIn: boolean
      /** engine: was there; pull: pulled; recipe: built; tag: an identical stand-in was tagged. */
      source: 'engine' | 'pull' | 'recipe' | 'tag'
      durationMs: number
    }

/** Options of `ensureImages` and `buildStandIn`. */
export interface ImageOptions {
  /** Folder of offline recipes; default: the `images/` folder of this package. */
  imagesDir?: string | undefined
  /** Engine endpoint (`DOCKER_HOST`); default: the environment's. */
  engine?: string | undefined
  /** Try `docker pull` for images the engine lacks; default true. */
  pull?: boolean | undefined
  /** Time allowed for one pull; default 120 000 ms. */
  pullTimeoutMs?: number | undefined
  /** Time allowed for one recipe's build.sh; default 600 000 ms. */
  buildTimeoutMs?: number | undefined
  onEvent?: ((event: ImageEvent) => void) | undefined
}


// State of one ensureImages call: once a pull fails for lack of a network, the others are not tried.
interface Context {
  options: ImageOptions
  call: DockerOptions
  canPull: boolean
  emit: (event: ImageEvent) => void
}

/** Make every image available, in order; throws `MissingImageError` for the first that cannot be. */
export async function ensureImages(names: readonly string[], options: ImageOptions = {}): Promise<ImageProvenance[]> {
  const context = createContext(options)
  const images: ImageProvenance[] = []
  for (const name of new Set(names)) images.push(await ensureImage(name, context))
  return images
}

/** Build `name` from its recipe now, even if the engine has it or an identical stand-in. */
export async function buildStandIn(name: string, options: ImageOptions = {}): Promise<ImageProvenance> {
  const context = createContext(options)
  const image = parse(name)
  const recipe = await recipeFor(image, context, '')
  const present = await inspectImage(name, context)
  return build(image, recipe, 'forced', context, Date.now(), present)
}

function createContext(options: ImageOptions): Context {
  return {
    options,
    call: { engine: options.engine },
    canPull: options.pull ?? true,
    emit: options.onEvent ?? (() => undefined),
  }
}

async function ensureImage(name: string, context: Context): Promise<ImageProvenance> {
  const started = Date.now()
  const image = parse(name)
  const present = await inspectImage(name, context)
  if (present) {
    if (present.recipe === undefined) return ready(name, present.id, false, 'engine', context, started)
    // A stand-in: still good only if built from the recipe as it is now.
    const recipe = await loadRecipe(imagesDir(context), recipeNameOf(image), name)
    if (recipe === undefined || (present.recipe === recipe.name && present.hash === recipe.hash)) {
      return ready(name, present.id, true, 'engine', context, started)
    }
    return build(image, recipe, 'recipe-changed', context, started, present)
  }
  const pullFailure = await pull(name, context)
  if (pullFailure === undefined) {
    const pulled = await inspectImage(name, context)
    if (pulled) return ready(name, pulled.id, false, 'pull', context, started)
  }
  const recipe = await recipeFor(image, context, pullFailure ?? '')
  return build(image, recipe, 'missing', context, started)
}

function parse(name: string): ImageName {
  const image = parseImageName(name)
  if (image === undefined) {
    throw new MissingImageError(name, 'bad-name', `Unexpected image name \`${name}\`, expected a docker image reference such as \`redis:alpine\``)
  }
  return image
}

async function recipeFor(image: ImageName, context: Context, pullFailure: string): Promise<Recipe> {
  const recipeName = recipeNameOf(image)
  const recipe = await loadRecipe(imagesDir(context), recipeName, image.name)
  if (recipe === undefined) {
    throw new MissingImageError(
      image.name,
      'no-recipe',
      context.options.pull === false
        ? `Unexpected missing image \`${image.name}\`, expected one the engine has or a recipe at images/${recipeName}/ (pulls are off: --pull never)`
        : `Unexpected missing image \`${image.name}\`, expected one the engine can pull or a recipe at images/${recipeName}/`,
      pullFailure,
    )
  }
  if (image.digest !== undefined) {
    throw new MissingImageError(image.name, 'bad-name', `Unexpected digest in \`${image.name}\`, expected a tag: a stand-in built from images/${recipeName}/ cannot carry a registry digest`)
  }
  return recipe
}

/** Build (or tag) the stand-in; `replaced` is the image the name pointed at before, if any. */
async function build(
  image: ImageName,
  recipe: Recipe,
  cause: 'missing' | 'recipe-changed' | 'forced',
  context: Context,
  started: number,
  replaced?: PresentImage | undefined,
): Promise<ImageProvenance> {
  const { name } = image
  // Another tag of the same repository may already be this very stand-in: tag it, don't rebuild.
  const existing = cause === 'forced' ? undefined : await findStandIn(recipe, name, context)
  if (existing !== undefined) {
    const tagged = await docker(['tag', existing, name], context.call)
    if (tagged.exitCode !== 0) throw new MissingImageError(name, 'engine-failed', `Unexpected failure tagging \`${name}\`, expected the engine to accept the tag`, dockerFailure(tagged))
    await dropReplaced(replaced, existing, context)
    return ready(name, existing, true, 'tag', context, started)
  }
  context.emit({ kind: 'image-build', name, recipe: recipe.name, cause })
  const buildOptions = { ...context.call, ...(context.options.buildTimeoutMs === undefined ? {} : { buildTimeoutMs: context.options.buildTimeoutMs }) }
  const id = await importStandIn(name, recipe, buildOptions)
  await dropReplaced(replaced, id, context)
  return ready(name, id, true, 'recipe', context, started)
}

/** Remove the stand-in a rebuild replaced once no tag names it, so recipe changes do not pile up images. Never a real image. */
async function dropReplaced(replaced: PresentImage | undefined, id: string, context: Context): Promise<void> {
  if (replaced?.recipe === undefined || replaced.id === id) return
  const tags = await docker(['image', 'inspect', '--format', '{{len .RepoTags}}', replaced.id], context.call)
  if (tags.exitCode !== 0 || tags.stdout.trim() !== '0') return // gone already, or another tag (`redis:7`) still names it
  // Without --force: the engine refuses while a container uses it, and then it stays, as `docker build` leaves it.
  await docker(['image', 'rm', replaced.id], context.call)
}

/** Id of an image built from exactly this recipe, if the engine has one. */
async function findStandIn(recipe: Recipe, name: string, context: Context): Promise<string | undefined> {
  const result = await docker(['image', 'ls', '--quiet', '--no-trunc', '--filter', `label=${recipeHashLabel}=${recipe.hash}`], context.call)
  if (result.exitCode !== 0) throw new MissingImageError(name, 'engine-failed', 'Unexpected failure listing images, expected the engine to answer', dockerFailure(result))
  return result.stdout.split('\n').map((line) => line.trim()).find((line) => line !== '')
}

/** Pull once; returns why it failed, or undefined when it worked. */
async function pull(name: string, context: Context): Promise<string | undefined> {
  // Off by --pull never: the missing-image message says so itself. Off after a dead network: say why.
  if (!context.canPull) return context.options.pull === false ? '' : 'not tried: an earlier pull of this build reached no registry'
  context.emit({ kind: 'image-pull', name })
  const result = await docker(['pull', '--quiet', name], { ...context.call, timeoutMs: context.options.pullTimeoutMs ?? 120_000 })
  if (result.exitCode === 0) return undefined
  const reason = dockerFailure(result)
  context.emit({ kind: 'image-pull-failed', name, reason, durationMs: result.durationMs })
  // No registry reachable (these machines): the next images would fail the same way, after the same wait.
  if (result.timedOut || /no such host|dial tcp|i\/o timeout|connection refused|network is unreachable|TLS handshake/i.test(reason)) {
    context.canPull = false
  }
  return reason
}

const inspectSchema = z.object({
  Id: z.string(),
  Config: z.object({ Labels: z.record(z.string(), z.string()).nullable().optional() }).nullable().optional(),
})

interface PresentImage {
  id: string
  /** The stand-in label's value (the recipe), when shellbook built the image. */
  recipe?: string | undefined
  hash?: string | undefined
}

async function inspectImage(name: string, context: Context): Promise<PresentImage | undefined> {
  const result = await docker(['image', 'inspect', '--format', '{{json .}}', name], context.call)
  if (result.exitCode !== 0) {
    if (/no such image/i.test(result.stderr)) return undefined
    throw new MissingImageError(name, 'engine-failed', `Unexpected failure inspecting \`${name}\`, expected the engine to answer`, dockerFailure(result))
  }
  const parsed = inspectSchema.safeParse(JSON.parse(result.stdout))
  if (!parsed.success) throw new MissingImageError(name, 'engine-failed', `Unexpected \`docker image inspect\` output for \`${name}\`, expected an image`)
  const labels = parsed.data.Config?.Labels ?? {}
  const recipe = labels[standInLabel]
  const hash = labels[recipeHashLabel]
  return { id: parsed.data.Id, ...(recipe === undefined ? {} : { recipe }), ...(hash === undefined ? {} : { hash }) }
}

function ready(name: string, id: string, standIn: boolean, source: 'engine' | 'pull' | 'recipe' | 'tag', context: Context, started: number): ImageProvenance {
  context.emit({ kind: 'image-ready', name, id, standIn, source, durationMs: Date.now() - started })
  return { name, id, standIn }
}

function imagesDir(context: Context): string {
  return context.options.imagesDir ?? ownFolder('images') ?? 'images'
}
