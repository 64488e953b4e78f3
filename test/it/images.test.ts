// Offline stand-ins on the real engine: built from images/, runnable, rebuilt only when their
// recipe changes, and a typed error when an image has neither a registry nor a recipe.
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { docker } from '../../src/run/engine/docker.js'
import { probeEngine } from '../../src/run/engine/probe.js'
import { buildStandIn, ensureImages, MissingImageError, type ImageEvent, type ImageOptions } from '../../src/run/images/index.js'
import { skipWithoutEngine } from './engine-required.js'

const imagesDir = path.resolve(import.meta.dirname, '../../images')
// Names only this file uses, so it never disturbs the images and containers lessons use.
const namespace = `shellbook-it-${process.pid}`
const testImage = (name: string) => `${namespace}/${name}`
const created = { images: new Set<string>(), containers: new Set<string>() }

/** ensureImages with its events collected. */
async function ensure(names: string[], options: ImageOptions = {}): Promise<{ events: ImageEvent[]; ids: string[] }> {
  const events: ImageEvent[] = []
  for (const name of names) if (name.startsWith(`${namespace}/`)) created.images.add(name)
  // pull: false unless a test says otherwise: tests never make the engine reach a registry.
  const images = await ensureImages(names, { imagesDir, pull: false, ...options, onEvent: (event) => events.push(event) })
  return { events, ids: images.map((image) => image.id) }
}

afterAll(async () => {
  if (created.containers.size > 0) await docker(['rm', '-f', '-v', ...created.containers])
  if (created.images.size > 0) await docker(['image', 'rm', '--force', ...created.images])
})

describe.skipIf(skipWithoutEngine)('offline images on the real engine', () => {
  it('probes the engine', async () => {
    const engine = await probeEngine()
    expect(engine.serverVersion).toMatch(/^\d+\.\d+/)
    expect(engine.kernel).not.toBe('')
    expect(engine.os).not.toBe('')
  })

  it('builds the busybox recipe into an image that runs', async () => {
    const name = testImage('busybox:built')
    created.images.add(name)
    const started = Date.now()
    const image = await buildStandIn(name, { imagesDir })
    console.info(`busybox recipe built in ${Date.now() - started} ms`)
    expect(image).toMatchObject({ name, standIn: true, id: expect.stringMatching(/^sha256:/) })
    const run = await docker(['run', '--rm', name, 'busybox', 'echo', 'ok'])
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('ok\n')
  }, 120_000)

  it('makes redis:alpine a stand-in whose redis-server listens on *:6379', async () => {
    const [redis] = await ensureImages(['redis:alpine'], { imagesDir, pull: false })
    // Present already, or a stand-in from images/redis/: either way the seed lesson's view holds.
    expect(redis?.name).toBe('redis:alpine')
    const container = `${namespace}-db`
    created.containers.add(container)
    const run = await docker(['run', '-d', `--name=${container}`, 'redis:alpine'])
    expect(run.exitCode, run.stderr).toBe(0)
    let top = ''
    // redis-server renames itself once it listens: wait for that (up to 10 s).
    for (let tries = 0; tries < 50 && !top.includes('redis-server *:6379'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      top = (await docker(['top', container])).stdout
    }
    expect(top).toContain('redis-server *:6379')
    expect((await docker(['exec', container, 'redis-cli', 'ping'])).stdout).toBe('PONG\n')
  }, 300_000)

  it('skips the build when the recipe is unchanged, rebuilds when it changed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-images-'))
    try {
      await cp(imagesDir, dir, { recursive: true })
      const name = testImage('busybox:stale')
      const first = await ensure([name], { imagesDir: dir })
      expect(first.events.at(-1)).toMatchObject({ kind: 'image-ready', standIn: true })

      const again = await ensure([name], { imagesDir: dir })
      expect(again.events).toEqual([expect.objectContaining({ kind: 'image-ready', source: 'engine', standIn: true })])
      expect(again.ids).toEqual(first.ids)

      await appendFile(path.join(dir, 'busybox', 'build.sh'), 'echo changed > "$1/etc/changed"\n')
      const changed = await ensure([name], { imagesDir: dir })
      expect(changed.events.map((event) => event.kind)).toEqual(['image-build', 'image-ready'])
      expect(changed.events[0]).toMatchObject({ kind: 'image-build', cause: 'recipe-changed', recipe: 'busybox' })
      expect(changed.ids).not.toEqual(first.ids)
      expect((await docker(['run', '--rm', name, 'cat', '/etc/changed'])).stdout).toBe('changed\n')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 120_000)

  it('tags another tag of the same repository instead of building it again', async () => {
    const [a, b] = [testImage('busybox:a'), testImage('busybox:b')]
    const first = await ensure([a])
    const second = await ensure([b])
    const steps = second.events.filter((event) => event.kind !== 'image-pull' && event.kind !== 'image-pull-failed')
    expect(steps).toEqual([expect.objectContaining({ kind: 'image-ready', source: 'tag', standIn: true })])
    expect(second.ids).toEqual(first.ids)
  }, 120_000)

  it('fails with a typed error when neither the engine nor a recipe can provide the image', async () => {
    const name = testImage('nothing-here:1')
    const error = await ensure([name]).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MissingImageError)
    expect(error).toMatchObject({ image: name, reason: 'no-recipe' })
    expect((error as Error).message).toMatch(
      new RegExp(`^Unexpected missing image \`${name}\`, expected one the engine has or a recipe at images/nothing-here/ \\(pulls are off: --pull never\\)`),
    )
  }, 180_000)

  it('fails with a typed error when a recipe does not build', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-images-'))
    try {
      await cp(path.join(imagesDir, 'busybox'), path.join(dir, 'broken'), { recursive: true })
      await appendFile(path.join(dir, 'broken', 'build.sh'), 'echo "no such package: nope" >&2; exit 3\n')
      const name = testImage('broken:1')
      const error = await ensure([name], { imagesDir: dir, pull: false }).catch((caught: unknown) => caught)
      expect(error).toMatchObject({ image: name, reason: 'build-failed' })
      expect((error as Error).message).toBe(`Unexpected failure of broken/build.sh for \`${name}\`, expected it to fill the rootfs (no such package: nope)`)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
