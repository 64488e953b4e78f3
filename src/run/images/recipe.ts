// An offline recipe, `images/<name>/`: a build.sh that fills a rootfs folder, and image.json,
// the settings `docker import` gives the image. Its hash decides when a stand-in is stale.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from '../../zod.js'
import { MissingImageError } from './missing-image-error.js'

/** Labels shellbook puts on every stand-in it imports. */
export const standInLabel = 'org.shellbook.stand-in'
export const recipeHashLabel = 'org.shellbook.recipe-hash'

// Bumped when the way a rootfs becomes an image changes, so old stand-ins are rebuilt.
const buildFormat = 'shellbook-stand-in/1'

const recipeNamePattern = /^[a-z0-9][a-z0-9._-]*$/

/** Shape of `images/<name>/image.json`. */
export const recipeConfigSchema = z
  .object({
    /** What the stand-in replaces, for humans. */
    description: z.string().optional(),
    /** A recipe whose build.sh fills the rootfs first (like FROM); its image.json is not inherited. */
    from: z.string().regex(recipeNamePattern).optional(),
    /** ENTRYPOINT, exec form; default none. */
    entrypoint: z.array(z.string().min(1)).min(1).optional(),
    /** CMD, exec form. */
    cmd: z.array(z.string().min(1)).min(1),
    /** ENV; default none (docker then supplies a PATH). Values are single-line. */
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().regex(/^[^\n\r]*$/)).default({}),
    /** WORKDIR, absolute; default `/`. */
    workingDir: z.string().startsWith('/').optional(),
    /** EXPOSE: `6379` or `6379/tcp`; default none. */
    exposedPorts: z.array(z.string().regex(/^\d{1,5}(\/(tcp|udp|sctp))?$/)).default([]),
  })
  .strict()

export type RecipeConfig = z.infer<typeof recipeConfigSchema>

/**
 * Shape of an image.json that only says `sameAs`: this name is served by that recipe's image,
 * one build for both (`ubuntu` by `debian`: no Ubuntu mirror is needed, and the page says stand-in).
 */
export const recipeAliasSchema = z
  .object({
    description: z.string().optional(),
    /** The recipe (with build.sh) whose image this name is tagged to. */
    sameAs: z.string().regex(recipeNamePattern),
  })
  .strict()

export type RecipeAlias = z.infer<typeof recipeAliasSchema>

/** A recipe, loaded and checked. */
export interface Recipe {
  name: string
  dir: string
  config: RecipeConfig
  /** Folders whose build.sh run in order to fill the rootfs: `from` ancestors first, this recipe last. */
  chain: string[]
  /** sha256 over the build format and every file of every recipe in the chain. */
  hash: string
}

/**
 * Load `imagesDir/<name>/`, or the recipe its `sameAs` names; undefined when there is no such
 * recipe. `image` names the image asking, for errors.
 */
export async function loadRecipe(imagesDir: string, name: string, image: string): Promise<Recipe | undefined> {
  const first = await readRecipeConfig(path.join(imagesDir, name), name, image)
  if (first === undefined) return undefined
  if (!('sameAs' in first)) return loadChain(imagesDir, name, first, image)
  const target = await readRecipeConfig(path.join(imagesDir, first.sameAs), first.sameAs, image)
  if (target === undefined || 'sameAs' in target) {
    throw new MissingImageError(image, 'bad-recipe', `Unexpected \`sameAs: ${first.sameAs}\` in images/${name}/image.json, expected the name of a recipe with its own build.sh`)
  }
  return loadChain(imagesDir, first.sameAs, target, image)
}

/** The recipe `name` (its settings read already) with its `from` chain and hash. */
async function loadChain(imagesDir: string, name: string, config: RecipeConfig, image: string): Promise<Recipe> {
  const chain: string[] = []
  const hash = createHash('sha256').update(buildFormat)
  let [current, settings] = [name, config]
  for (;;) {
    chain.unshift(path.join(imagesDir, current))
    await hashFolder(hash, path.join(imagesDir, current), current)
    const parent = settings.from
    if (parent === undefined) break
    if (chain.includes(path.join(imagesDir, parent))) {
      throw new MissingImageError(image, 'bad-recipe', `Unexpected cycle in recipe \`from\` chain at images/${parent}/, expected a chain that ends`)
    }
    const loaded = await readRecipeConfig(path.join(imagesDir, parent), parent, image)
    if (loaded === undefined || 'sameAs' in loaded) {
      const what = loaded === undefined ? 'missing recipe' : '`sameAs` recipe'
      throw new MissingImageError(image, 'bad-recipe', `Unexpected ${what} images/${parent}/ named by \`from\`, expected a folder with build.sh and image.json`)
    }
    ;[current, settings] = [parent, loaded]
  }
  return { name, dir: path.join(imagesDir, name), config, chain, hash: hash.digest('hex') }
}

async function readRecipeConfig(dir: string, name: string, image: string): Promise<RecipeConfig | RecipeAlias | undefined> {
  const file = path.join(dir, 'image.json')
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined // no recipe: the caller decides
    throw error
  })
  if (text === undefined) return undefined
  const where = `images/${name}/image.json`
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new MissingImageError(image, 'bad-recipe', `Unexpected invalid JSON in ${where}, expected an object with \`cmd\``, String(error))
  }
  const isAlias = typeof json === 'object' && json !== null && 'sameAs' in json
  const parsed = isAlias ? recipeAliasSchema.safeParse(json) : recipeConfigSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const at = issue === undefined ? '' : `\`${issue.path.join('.') || '(root)'}\`: ${issue.message}`
    throw new MissingImageError(image, 'bad-recipe', `Unexpected ${where}, expected valid recipe settings`, at)
  }
  return parsed.data
}

// Paths relative to the recipe and contents, sorted, so the hash does not depend on readdir order.
async function hashFolder(hash: ReturnType<typeof createHash>, dir: string, name: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
  for (const file of files) {
    hash.update(`\0${name}/${file}\0`).update(await readFile(path.join(dir, file)))
  }
}

/** The `docker import -c` instructions for a recipe, labels included. */
export function importChanges(recipe: Recipe): string[] {
  const { config } = recipe
  const changes: string[] = []
  if (config.entrypoint) changes.push(`ENTRYPOINT ${JSON.stringify(config.entrypoint)}`)
  changes.push(`CMD ${JSON.stringify(config.cmd)}`)
  // Dockerfile ENV takes a double-quoted value with backslash escapes; JSON quoting is that for one line.
  for (const [key, value] of Object.entries(config.env)) changes.push(`ENV ${key}=${JSON.stringify(value)}`)
  if (config.workingDir !== undefined) changes.push(`WORKDIR ${config.workingDir}`)
  for (const port of config.exposedPorts) changes.push(`EXPOSE ${port}`)
  changes.push(`LABEL ${standInLabel}=${recipe.name}`, `LABEL ${recipeHashLabel}=${recipe.hash}`)
  return changes
}
