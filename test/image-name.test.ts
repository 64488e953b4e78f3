// Image names → parts → recipe folder, without Docker.
import { describe, expect, it } from 'vitest'
import { parseImageName, recipeNameOf } from '../src/run/images/image-name.js'

const recipeOf = (name: string) => {
  const image = parseImageName(name)
  return image && recipeNameOf(image)
}

describe('recipe folder of an image name', () => {
  it.each([
    ['redis:alpine', 'redis'],
    ['redis', 'redis'],
    ['busybox', 'busybox'],
    ['library/busybox:1.36', 'busybox'],
    ['docker.io/library/redis:7.2-alpine', 'redis'],
    // Decision: the last path part, whatever the registry or namespace (documented in image-name.ts).
    ['ghcr.io/x/y:1', 'y'],
    ['localhost:5000/team/busybox', 'busybox'],
    ['redis@sha256:' + 'a'.repeat(64), 'redis'],
    // The stand-ins' common tags (images/<name>/ serves them all).
    ['alpine', 'alpine'],
    ['alpine:3.18', 'alpine'],
    ['nginx:alpine', 'nginx'],
    ['nginx:1.25', 'nginx'],
    ['ubuntu:22.04', 'ubuntu'],
    ['debian:bookworm', 'debian'],
    ['debian:bookworm-slim', 'debian'],
  ])('%s → images/%s/', (name, recipe) => {
    expect(recipeOf(name)).toBe(recipe)
  })

  it('splits registry, path, tag and digest as docker does', () => {
    expect(parseImageName('localhost:5000/team/app:v1')).toEqual({ name: 'localhost:5000/team/app:v1', registry: 'localhost:5000', path: 'team/app', tag: 'v1' })
    expect(parseImageName('redis:alpine')).toEqual({ name: 'redis:alpine', path: 'redis', tag: 'alpine' })
    expect(parseImageName(`busybox:1@sha256:${'b'.repeat(64)}`)).toEqual({ name: `busybox:1@sha256:${'b'.repeat(64)}`, path: 'busybox', tag: '1', digest: `sha256:${'b'.repeat(64)}` })
  })

  it.each(['Redis:alpine', 'redis:', '', 'a//b', '../etc:1', 'redis:al pine', 'redis@md5:x'])('rejects %j', (name) => {
    expect(parseImageName(name)).toBeUndefined()
  })
})
