// The offline recipes in images/: valid settings, `from` chains, hashes, import instructions — without Docker.
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MissingImageError } from '../src/run/images/missing-image-error.js'
import { importChanges, loadRecipe } from '../src/run/images/recipe.js'

const imagesDir = path.resolve(import.meta.dirname, '../images')
const scratch = await mkdtemp(path.join(tmpdir(), 'shellbook-recipes-'))
afterAll(() => rm(scratch, { recursive: true, force: true }))

describe('offline recipes', () => {
  it('redis builds on busybox, and imports with its CMD and stand-in labels', async () => {
    const recipe = await loadRecipe(imagesDir, 'redis', 'redis:alpine')
    expect(recipe?.chain.map((dir) => path.basename(dir))).toEqual(['busybox', 'redis'])
    expect(recipe?.hash).toMatch(/^[0-9a-f]{64}$/)
    const changes = importChanges(recipe!)
    expect(changes).toContain('CMD ["redis-server"]')
    expect(changes).toContain('EXPOSE 6379/tcp')
    expect(changes).toContain('LABEL org.shellbook.stand-in=redis')
    expect(changes).toContain(`LABEL org.shellbook.recipe-hash=${recipe!.hash}`)
  })

  it('busybox runs sh', async () => {
    const recipe = await loadRecipe(imagesDir, 'busybox', 'busybox')
    expect(recipe?.config.cmd).toEqual(['sh'])
  })

  it.each([
    ['alpine', ['busybox', 'alpine'], ['/bin/sh']],
    ['nginx', ['busybox', 'nginx'], ['nginx', '-g', 'daemon off;']],
    ['debian', ['debian'], ['bash']],
  ])('has a stand-in for %s, built from %j, running %j', async (name, chain, cmd) => {
    const recipe = await loadRecipe(imagesDir, name, name)
    expect(recipe?.chain.map((dir) => path.basename(dir))).toEqual(chain)
    expect(recipe?.config.cmd).toEqual(cmd)
    expect(importChanges(recipe!)).toContain(`LABEL org.shellbook.stand-in=${name}`)
  })

  it('nginx says port 80, as the official image does', async () => {
    expect(importChanges((await loadRecipe(imagesDir, 'nginx', 'nginx:alpine'))!)).toContain('EXPOSE 80/tcp')
  })

  it('serves ubuntu with the debian recipe itself (`sameAs`): one build, one image, both names', async () => {
    const [ubuntu, debian] = [await loadRecipe(imagesDir, 'ubuntu', 'ubuntu:22.04'), await loadRecipe(imagesDir, 'debian', 'debian')]
    expect(ubuntu).toEqual(debian)
    expect(ubuntu?.name).toBe('debian')
  })

  it.each([
    ['names no recipe', { sameAs: 'ghost' }, 'Unexpected `sameAs: ghost` in images/alias/image.json, expected the name of a recipe with its own build.sh'],
    ['names another `sameAs`', { sameAs: 'ubuntu' }, 'Unexpected `sameAs: ubuntu` in images/alias/image.json, expected the name of a recipe with its own build.sh'],
    ['also has settings', { sameAs: 'debian', cmd: ['sh'] }, /^Unexpected images\/alias\/image.json, expected valid recipe settings \(`\(root\)`: /],
  ])('reports a `sameAs` that %s', async (_what, json, message) => {
    const dir = await mkdtemp(path.join(scratch, 'same-as-'))
    await cp(imagesDir, dir, { recursive: true })
    await mkdir(path.join(dir, 'alias'))
    await writeFile(path.join(dir, 'alias', 'image.json'), JSON.stringify(json))
    const error = await loadRecipe(dir, 'alias', 'alias:1').catch((caught: unknown) => caught)
    expect(error).toMatchObject({ image: 'alias:1', reason: 'bad-recipe' })
    expect((error as Error).message).toMatch(message)
  })

  it('reports a `from` that names a `sameAs`', async () => {
    const dir = path.join(scratch, 'from-alias')
    await cp(imagesDir, dir, { recursive: true })
    await writeFile(path.join(dir, 'alpine', 'image.json'), JSON.stringify({ from: 'ubuntu', cmd: ['sh'] }))
    await expect(loadRecipe(dir, 'alpine', 'alpine')).rejects.toThrow('Unexpected `sameAs` recipe images/ubuntu/ named by `from`, expected a folder with build.sh and image.json')
  })

  it('has no recipe for an unknown name', async () => {
    expect(await loadRecipe(imagesDir, 'nothing-here', 'nothing-here:1')).toBeUndefined()
  })

  it('changes hash when a file of the recipe or of its `from` changes', async () => {
    const dir = path.join(scratch, 'hash')
    await cp(imagesDir, dir, { recursive: true })
    const before = await loadRecipe(dir, 'redis', 'redis:alpine')
    expect((await loadRecipe(dir, 'redis', 'redis:alpine'))?.hash).toBe(before?.hash)
    await appendFile(path.join(dir, 'busybox', 'build.sh'), '# changed\n')
    expect((await loadRecipe(dir, 'redis', 'redis:alpine'))?.hash).not.toBe(before?.hash)
  })

  it('reports an invalid image.json with the field at fault', async () => {
    const dir = path.join(scratch, 'invalid')
    await cp(path.join(imagesDir, 'busybox'), path.join(dir, 'bad'), { recursive: true })
    await writeFile(path.join(dir, 'bad', 'image.json'), JSON.stringify({ cmd: 'sh' }))
    const error = await loadRecipe(dir, 'bad', 'bad:1').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MissingImageError)
    expect((error as MissingImageError).reason).toBe('bad-recipe')
    expect((error as MissingImageError).message).toMatch(/^Unexpected images\/bad\/image.json, expected valid recipe settings \(`cmd`: /)
  })

  it('reports a `from` that names no recipe', async () => {
    const dir = path.join(scratch, 'from')
    await cp(path.join(imagesDir, 'busybox'), path.join(dir, 'child'), { recursive: true })
    await writeFile(path.join(dir, 'child', 'image.json'), JSON.stringify({ from: 'ghost', cmd: ['sh'] }))
    await expect(loadRecipe(dir, 'child', 'child')).rejects.toThrow('Unexpected missing recipe images/ghost/ named by `from`')
  })
})
