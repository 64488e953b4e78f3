// The offline stand-ins of the images lessons use most, on the real engine: built from
// images/ (busybox-based alpine and nginx, a debootstrapped debian that ubuntu shares), each
// tag a lesson writes resolving to them, and each behaving as the lessons expect.
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { docker } from '../../src/run/engine/docker.js'
import { buildStandIn, ensureImages } from '../../src/run/images/index.js'
import { skipWithoutEngine } from './engine-required.js'

const imagesDir = path.resolve(import.meta.dirname, '../../images')
// Names only this file uses, so it never disturbs the images and containers lessons use.
const namespace = `shellbook-it-stand-ins-${process.pid}`
const created = { images: new Set<string>(), containers: new Set<string>() }

/**
 * Names as lessons write them, made available: present already (.ci/run makes them), or built
 * now. Returns the recipe each stand-in says it was built from, and that recipe's hash.
 */
async function ensure(names: string[]): Promise<string[]> {
  const images = await ensureImages(names, { imagesDir, pull: false })
  for (const image of images) expect(image, image.name).toMatchObject({ standIn: true })
  const format = '{{index .Config.Labels "org.shellbook.stand-in"}} {{index .Config.Labels "org.shellbook.recipe-hash"}}'
  return Promise.all(names.map(async (name) => (await docker(['image', 'inspect', '--format', format, name])).stdout.trim()))
}

/** A forced build under a name of this file's own, timed. */
async function build(recipe: string): Promise<void> {
  const name = `${namespace}/${recipe}:built`
  created.images.add(name)
  const started = Date.now()
  await buildStandIn(name, { imagesDir })
  const size = (await docker(['image', 'inspect', '--format', '{{.Size}}', name])).stdout.trim()
  console.info(`${recipe} stand-in built in ${Date.now() - started} ms, ${(Number(size) / 1e6).toFixed(1)} MB`)
}

afterAll(async () => {
  if (created.containers.size > 0) await docker(['rm', '-f', '-v', ...created.containers])
  if (created.images.size > 0) await docker(['image', 'rm', '--force', ...created.images])
})

describe.skipIf(skipWithoutEngine)('stand-ins', () => {
  it('alpine: busybox\'s sh with no banner, and an `apk` that says in one line it is absent', async () => {
    await build('alpine')
    const [alpine, tagged] = await ensure(['alpine', 'alpine:3.18'])
    expect(alpine).toMatch(/^alpine [0-9a-f]{64}$/)
    expect(tagged).toBe(alpine)
    expect((await docker(['run', '--rm', 'alpine:3.18', 'sh', '-c', 'echo ok'])).stdout).toBe('ok\n')
    const apk = await docker(['run', '--rm', 'alpine', 'apk', 'add', 'curl'])
    expect(apk.exitCode).toBe(127)
    expect(apk.stdout).toBe('')
    expect(apk.stderr).toBe("apk: not available: this is shellbook's offline stand-in for alpine (Debian's busybox), it has no package manager\n")
    expect((await docker(['run', '--rm', 'alpine', 'cat', '/etc/os-release'])).stdout).toMatch(/^ID=alpine$/m)
    expect((await docker(['run', '--rm', 'alpine', 'ls', '/lib'])).exitCode).toBe(0)
    // An interactive sh starts at its prompt, as the official images' busybox does: no Debian banner.
    const interactive = await docker(['run', '--rm', '-i', 'alpine', 'sh', '-i'], { input: 'echo typed\nexit\n' })
    expect(interactive.stdout + interactive.stderr).toContain('typed')
    expect(interactive.stdout + interactive.stderr).not.toContain('built-in shell')
  }, 120_000)

  it('nginx: serves its default page on the container\'s port 80, logs to `docker logs`, reads as Debian', async () => {
    await build('nginx')
    const [nginx, tagged] = await ensure(['nginx', 'nginx:alpine'])
    expect(nginx).toMatch(/^nginx [0-9a-f]{64}$/)
    expect(tagged).toBe(nginx)
    const web = `${namespace}-web`
    created.containers.add(web)
    const run = await docker(['run', '-d', '--name', web, 'nginx:alpine'])
    expect(run.exitCode, run.stderr).toBe(0)
    // Asked from inside the container's own network namespace: nothing here reaches a bridge address.
    let page = ''
    for (let tries = 0; tries < 50 && !page.includes('Welcome to nginx!'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      page = (await docker(['run', '--rm', '--network', `container:${web}`, 'busybox', 'wget', '-qO-', 'http://localhost/'])).stdout
    }
    expect(page).toContain('<title>Welcome to nginx!</title>')
    const logs = await docker(['logs', web])
    expect(logs.stdout).toMatch(/"GET \/ HTTP\/1\.1" 200 \d+ "-" "Wget"/)
    const top = (await docker(['top', web])).stdout
    expect(top).toContain('nginx: master process nginx -g daemon off;')
    expect(top).toContain('nginx: worker process')
    expect((await docker(['exec', web, 'bash', '-c', 'echo "$0"'])).stdout).toBe('bash\n')
    // curl as in the official images, so one container can ask another.
    expect((await docker(['exec', web, 'curl', '-sS', 'http://localhost/'])).stdout).toContain('<title>Welcome to nginx!</title>')
    // Debian's, as the official image: `cat /etc/os-release` is a lesson's habit inside it.
    const release = (await docker(['exec', web, 'cat', '/etc/os-release'])).stdout
    expect(release).toMatch(/^ID=debian$/m)
    expect(release).toContain('stand-in for nginx')
  }, 120_000)

  it('hello-world: prints its greeting, saying it is a stand-in, and ends', async () => {
    await build('hello-world')
    const [hello] = await ensure(['hello-world'])
    expect(hello).toMatch(/^hello-world [0-9a-f]{64}$/)
    const run = await docker(['run', '--rm', 'hello-world'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^\nHello from Docker!\n/)
    expect(run.stdout).toContain("shellbook's offline stand-in for the hello-world image")
  }, 120_000)

  it('debian and ubuntu: one debootstrapped bookworm, with apt, under every tag', async () => {
    const started = Date.now()
    const recipes = await ensure(['debian', 'debian:bookworm', 'ubuntu', 'ubuntu:22.04'])
    console.info(`debian/ubuntu ready in ${Date.now() - started} ms`)
    // ubuntu says `sameAs: debian`: its images are the debian recipe's, never a build of their own.
    expect(recipes[0]).toMatch(/^debian [0-9a-f]{64}$/)
    expect(new Set(recipes)).toEqual(new Set([recipes[0]]))
    for (const name of ['debian:bookworm', 'ubuntu:22.04']) {
      const release = await docker(['run', '--rm', name, 'cat', '/etc/os-release'])
      expect(release.stdout, name).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"')
      const apt = await docker(['run', '--rm', name, 'apt-get', '--version'])
      expect(apt.stdout, name).toMatch(/^apt 2\.\d+/)
    }
    // As in the official image: no package lists (`apt-get update` first), services never started.
    const state = await docker(['run', '--rm', 'ubuntu', 'bash', '-c', 'ls /var/lib/apt/lists | grep -vc "^lock$\\|^partial$"; /usr/sbin/policy-rc.d; echo $?'])
    expect(state.stdout).toBe('0\n101\n')
  }, 600_000)
})
