// `shellbook build` on the default sandbox host, as a user runs it: both seed lessons in
// sandboxes, two builds at once, labelled resources removed on every kind of ending (Ctrl-C,
// SIGKILL + the next start), lessons spread over two engines, and --shard.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/report.js'
import { LESSON_HOST_IMAGE } from '../../src/run/hosts/sandbox-run.js'
import { skipWithoutEngine } from './engine-required.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const label = 'org.shellbook.build'

async function copy(from: string, slugs: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-sandbox-lessons-'))
  for (const slug of slugs) await cp(path.join(from, slug), path.join(dir, slug), { recursive: true })
  return dir
}

function shellbook(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string; out: string }> {
  return new Promise((resolve, reject) => {
    mkdtemp(path.join(tmpdir(), 'shellbook-sandbox-out-')).then((out) => {
      execFile('node', ['bin/shellbook.js', ...args, '--pull', 'never', '--out', out], { cwd: root, env: { ...process.env, ...env }, maxBuffer: 16 * 2 ** 20 }, (error, _stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr, out })
      })
    }, reject)
  })
}

/** Every shellbook-labelled resource on an engine, as `kind id` lines. */
async function labelled(host?: string): Promise<string[]> {
  const env = host === undefined ? process.env : { ...process.env, DOCKER_HOST: host }
  const lines: string[] = []
  for (const [kind, argv] of [
    ['container', ['ps', '-a', '-q', '--filter', `label=${label}`]],
    ['volume', ['volume', 'ls', '-q', '--filter', `label=${label}`]],
    ['network', ['network', 'ls', '-q', '--filter', `label=${label}`]],
  ] as const) {
    const { stdout } = await run('docker', [...argv], { env })
    lines.push(...stdout.split('\n').filter(Boolean).map((id) => `${kind} ${id}`))
  }
  return lines
}

const report = async (out: string) => JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as Report

/** Start a build and resolve once its stderr shows `marker`. */
function startUntil(args: string[], marker: string): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn('node', ['bin/shellbook.js', ...args, '--pull', 'never'], { cwd: root })
  let stderr = ''
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (stderr.includes(marker)) resolve({ child, stderr: () => stderr })
    })
    child.on('close', () => reject(new Error(`build ended before ${marker}:\n${stderr}`)))
  })
}

describe.skipIf(skipWithoutEngine)('shellbook build on sandbox hosts', () => {
  beforeAll(async () => {
    const { stdout } = await run('docker', ['image', 'ls', '-q', LESSON_HOST_IMAGE])
    expect(stdout.trim(), 'the lesson-host image (`shellbook hosts build`, done by .ci/run)').not.toBe('')
  })

  it('builds both seed lessons in sandboxes: small, clean process trees, nothing left behind', async () => {
    const lessons = await copy(path.join(root, 'lessons'), ['container-processes', 'container-namespaces'])
    const result = await shellbook(['build', '--lessons', lessons, '--refresh'])
    expect(result.code, result.stderr).toBe(0)
    const built = await report(result.out)
    expect(built.lessons.every((lesson) => lesson.provenance?.hostKind === 'sandbox' && lesson.captures === 'executed')).toBe(true)
    const captures = JSON.parse(await readFile(path.join(lessons, 'container-processes/captures.json'), 'utf8')) as {
      executions: Array<{ provenance: { hostKind: string }; cells: Array<{ command: string; output: string[] }> }>
    }
    const cells = captures.executions[0]!.cells
    const psAux = cells.find((cell) => cell.command === 'ps aux | grep redis-server')!.output
    expect(psAux.some((line) => line.includes('redis-server *:6379'))).toBe(true)
    // The sandbox's own tree: its init, dockerd, containerd, the shim, redis — no process of this machine.
    const listing = cells.find((cell) => cell.command === 'ls /proc')!.output.join(' ')
    const pids = listing.split(/\s+/).filter((word) => /^\d+$/.test(word))
    expect(pids.length).toBeLessThan(40)
    const namespaces = JSON.parse(await readFile(path.join(lessons, 'container-namespaces/captures.json'), 'utf8')) as typeof captures
    const tree = namespaces.executions[0]!.cells.find((cell) => cell.command === 'pstree  -g')!.output.join('\n')
    expect(tree).toMatch(/containerd-shim/)
    expect(tree).not.toMatch(/node|vitest/)
    const page = await readFile(path.join(result.out, 'site/zh/container-namespaces/index.html'), 'utf8')
    // The provenance says, in Chinese, that the output came from a sandbox.
    const zh = JSON.parse(await readFile(path.join(root, 'templates/i18n/zh.json'), 'utf8')) as Record<string, string>
    expect(page).toContain(zh['provenance.host.sandbox']!)
    expect(await labelled()).toEqual([])
  }, 240_000)

  it('runs two builds of a `docker run --name=db` lesson at once, without collision', async () => {
    const fixtures = path.join(root, 'test/fixtures/sandbox-lessons')
    const [first, second] = await Promise.all([copy(fixtures, ['db-twice']), copy(fixtures, ['db-twice'])])
    const results = await Promise.all([shellbook(['build', '--lessons', first]), shellbook(['build', '--lessons', second])])
    for (const result of results) {
      expect(result.code, result.stderr).toBe(0)
      const built = await report(result.out)
      expect(built.lessons[0]!.cells.map((cell) => cell.status)).toEqual(['ok', 'ok', 'ok'])
    }
    // The lesson's `db` lived inside each sandbox, never on this engine.
    const { stdout } = await run('docker', ['ps', '-a', '--filter', 'name=^/db$', '-q'])
    expect(stdout.trim()).toBe('')
    expect(await labelled()).toEqual([])
  }, 120_000)

  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    it(`leaves 0 labelled containers, volumes and networks after ${signal} mid-lesson${signal === 'SIGKILL' ? ' and the next start' : ''}`, async () => {
      const lessons = await copy(path.join(root, 'test/fixtures/cli-lessons'), ['interrupted'])
      const out = await mkdtemp(path.join(tmpdir(), 'shellbook-sandbox-out-'))
      const { child } = await startUntil(['build', '--lessons', lessons, '--out', out], '✓ interrupted c1')
      expect((await labelled()).length).toBeGreaterThan(0)
      const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
      child.kill(signal)
      const code = await closed
      if (signal === 'SIGINT') {
        expect(code).toBe(130)
      } else {
        // Killed outright: the sandbox outlives it, until the next build that reaches the engine reaps it.
        expect((await labelled()).length).toBeGreaterThan(0)
        const next = await shellbook(['build', '--lessons', await copy(path.join(root, 'test/fixtures/sandbox-lessons'), ['db-twice'])])
        expect(next.code, next.stderr).toBe(0)
      }
      expect(await labelled()).toEqual([])
    }, 120_000)
  }

  it('removes the sandbox it had already started for the next lesson when Ctrl-C comes first', async () => {
    // --jobs 1: while `a-interrupted` runs, the worker starts `b-db`'s sandbox ahead; Ctrl-C must take both away.
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-sandbox-lessons-'))
    await cp(path.join(root, 'test/fixtures/cli-lessons/interrupted'), path.join(lessons, 'a-interrupted'), { recursive: true })
    await cp(path.join(root, 'test/fixtures/sandbox-lessons/db-twice'), path.join(lessons, 'b-db'), { recursive: true })
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-sandbox-out-'))
    const { child, stderr } = await startUntil(['build', '--lessons', lessons, '--out', out, '--jobs', '1'], '✓ a-interrupted c1')
    // Both sandboxes exist: the running one and the one started ahead.
    for (let tries = 0; (await labelled()).filter((line) => line.startsWith('container')).length < 2 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect((await labelled()).filter((line) => line.startsWith('container'))).toHaveLength(2)
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await closed, stderr()).toBe(130)
    expect(stderr()).not.toContain('▶ b-db')
    expect(await labelled()).toEqual([])
  }, 120_000)

  it('runs a lesson whose lesson.yaml says `host: local` on this engine, beside sandboxes it leaves alone', async () => {
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-mixed-'))
    for (const [slug, config] of [['mine', 'host: local\n'], ['boxed', '']] as const) {
      await mkdir(path.join(lessons, slug))
      await writeFile(path.join(lessons, slug, 'lesson.yaml'), `title: {en: ${slug}}\n${config}`)
      await writeFile(path.join(lessons, slug, 'en.md'), `# ${slug}\n\n\`hostname\`{{execute}}\n\n\`sleep 2\`{{execute}}\n`)
    }
    const result = await shellbook(['build', '--lessons', lessons, '--jobs', '2'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain("warning: --host local runs the lessons on this machine's own Docker engine")
    const built = await report(result.out)
    expect(built.lessons.map((lesson) => `${lesson.slug} ${lesson.provenance?.hostKind}`)).toEqual(['boxed sandbox', 'mine local'])
    const hostnames = await Promise.all(['boxed', 'mine'].map(async (slug) => (await readFile(path.join(result.out, `md/en/${slug}.md`), 'utf8')).match(/\$ hostname\n(.*)\n/)?.[1]))
    // The sandbox is host01 (lesson.yaml names no hostname); the local host is this machine.
    expect(hostnames[0]).toBe('host01')
    expect(hostnames[1]).toBe(hostname())
    expect(await labelled()).toEqual([])
  }, 120_000)

  it('warns at its line, without failing the build, when a command that exited 0 shows it had no network', async () => {
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-offline-ok-'))
    await mkdir(path.join(lessons, 'offline'))
    await writeFile(path.join(lessons, 'offline', 'lesson.yaml'), 'title: {en: offline}\n')
    await writeFile(path.join(lessons, 'offline', 'en.md'), '# offline\n\n`curl -sS http://example.com/ 2>&1 | head -1`{{execute}}\n\n`echo after`{{execute}}\n')
    const result = await shellbook(['build', '--lessons', lessons])
    expect(result.code, result.stderr).toBe(0)
    const warned = result.stderr.split('\n').filter((line) => line.includes('no-network'))
    expect(warned, result.stderr).toHaveLength(1)
    expect(warned[0]).toMatch(/^\s*3:\d+-3:\d+ warning Unexpected network failure in the output of `curl -sS http:\/\/example\.com\/ 2>&1 \| head -1`, though it exited 0.*`example\.com` did not resolve.*`network: true`/)
    expect(await readFile(path.join(result.out, 'md/en/offline.md'), 'utf8')).toContain('$ echo after\nafter')
  }, 120_000)

  it('builds a deterministic share of the lessons with --shard', async () => {
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-shard-'))
    for (const slug of ['a', 'b', 'c', 'd', 'e']) {
      await mkdir(path.join(lessons, slug))
      await writeFile(path.join(lessons, slug, 'lesson.yaml'), `title: {en: ${slug}}\n`)
      await writeFile(path.join(lessons, slug, 'en.md'), `# ${slug}\n\n\`echo ${slug}\`{{execute}}\n`)
    }
    const shares = await Promise.all(['1/2', '2/2'].map((share) => shellbook(['build', '--lessons', lessons, '--shard', share])))
    const slugs = await Promise.all(shares.map(async (share) => (await report(share.out)).lessons.map((lesson) => lesson.slug)))
    expect(slugs).toEqual([['a', 'c', 'e'], ['b', 'd']])
  }, 120_000)
})

describe.skipIf(skipWithoutEngine)('shellbook build over two engines', () => {
  const socket = '/run/shellbook-test-2.sock'
  const second = `unix://${socket}`
  let dockerd: ChildProcess | undefined
  let state: string

  beforeAll(async () => {
    state = await mkdtemp(path.join(tmpdir(), 'shellbook-engine-2-'))
    // A second engine on its own unix socket, as docker-host.md describes: no bridge, no iptables.
    dockerd = spawn('dockerd', [
      '-H', second, '--data-root', path.join(state, 'data'), '--exec-root', path.join(state, 'exec'),
      '--pidfile', path.join(state, 'dockerd.pid'), '--bridge', 'none', '--iptables=false',
    ], { stdio: 'ignore' })
    for (let tries = 0; ; tries++) {
      const probe = await run('docker', ['-H', second, 'info', '--format', '{{.ServerVersion}}']).catch(() => undefined)
      if (probe) break
      if (tries > 100) throw new Error('the second engine did not start')
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    // Its images come from the first engine (save | load keeps the recipe labels), as a machine set up once would have them.
    await run('bash', ['-c', `docker save ${LESSON_HOST_IMAGE} redis:alpine busybox | docker -H ${second} load -q`], { maxBuffer: 16 * 2 ** 20 })
  }, 180_000)

  afterAll(async () => {
    await run('docker', ['-H', second, 'rm', '-f', '-v', ...(await run('docker', ['-H', second, 'ps', '-aq'])).stdout.split('\n').filter(Boolean)]).catch(() => undefined)
    dockerd?.kill('SIGTERM')
    await new Promise((resolve) => (dockerd?.exitCode === null ? dockerd.on('exit', resolve) : resolve(undefined)))
    await rm(state, { recursive: true, force: true }).catch(() => undefined)
    await rm(socket, { force: true })
  }, 60_000)

  it('spreads lessons over both engines with --engine twice, and cleans both', async () => {
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-engines-'))
    for (const slug of ['one', 'two', 'three', 'four']) {
      await mkdir(path.join(lessons, slug))
      await writeFile(path.join(lessons, slug, 'lesson.yaml'), `title: {en: ${slug}}\nimages: [busybox]\n`)
      await writeFile(path.join(lessons, slug, 'en.md'), `# ${slug}\n\n\`docker run --rm busybox echo ${slug}\`{{execute}}\n\n\`sleep 1\`{{execute}}\n`)
    }
    const result = await shellbook(['build', '--lessons', lessons, '--engine', 'unix:///var/run/docker.sock', '--engine', second, '--jobs', '2'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(new RegExp(`executing on unix:///var/run/docker\\.sock`))
    expect(result.stderr).toContain(`executing on ${second}`)
    const built = await report(result.out)
    expect(built.lessons.map((lesson) => lesson.cells[0]!.status)).toEqual(['ok', 'ok', 'ok', 'ok'])
    expect(await labelled()).toEqual([])
    expect(await labelled(second)).toEqual([])
  }, 180_000)

  it('refuses a local lesson whose container name is taken on this engine, at the cell, and leaves that container alone', async () => {
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-local-taken-'))
    await mkdir(path.join(lessons, 'taken'))
    await writeFile(path.join(lessons, 'taken', 'lesson.yaml'), 'title: {en: Taken}\nhost: local\nimages: [busybox]\n')
    await writeFile(path.join(lessons, 'taken', 'en.md'), '# Taken\n\n`echo first`{{execute}}\n\n`docker run -d --name shellbook-taken-here busybox sleep 60`{{execute}}\n')
    const { stdout: mine } = await run('docker', ['run', '-d', '--name', 'shellbook-taken-here', 'busybox', 'sleep', '60'])
    try {
      const result = await shellbook(['build', '--lessons', lessons])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/taken[/\\]en\.md\n5:\d+-\S+ error Unexpected existing container `shellbook-taken-here`/)
      expect((await run('docker', ['ps', '-a', '-q', '--no-trunc', '--filter', 'name=^/shellbook-taken-here$'])).stdout.trim()).toBe(mine.trim())
    } finally {
      await run('docker', ['rm', '-f', 'shellbook-taken-here'])
    }
  }, 120_000)

  it('runs a local lesson on the engine --engine names: its shell, its images and its cleanup', async () => {
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-local-engine-'))
    await mkdir(path.join(lessons, 'here'))
    await writeFile(path.join(lessons, 'here', 'lesson.yaml'), 'title: {en: Here}\nhost: local\nimages: [busybox]\n')
    await writeFile(path.join(lessons, 'here', 'en.md'), '# Here\n\n`docker run -d --name=on-second busybox sleep 60`{{execute}}\n\n`docker ps --format "{{.Names}}"`{{execute}}\n\n`docker -H unix:///var/run/docker.sock ps -a --format "{{.Names}}" | grep -c on-second || true`{{execute}}\n')
    const result = await shellbook(['build', '--lessons', lessons, '--engine', second])
    expect(result.code, result.stderr).toBe(0)
    const captures = JSON.parse(await readFile(path.join(lessons, 'here', 'captures.json'), 'utf8'))
    expect(captures.executions[0].cells[1].output.join('\n')).toContain('on-second')
    // While the lesson ran, the default engine had no such container.
    expect(captures.executions[0].cells[2].output.join('\n').trim()).toBe('0')
    // The default engine never saw it; the second one had it, and it is gone after the lesson.
    for (const engine of [undefined, second]) {
      const env = engine === undefined ? process.env : { ...process.env, DOCKER_HOST: engine }
      expect((await run('docker', ['ps', '-a', '-q', '--filter', 'name=^/on-second$'], { env })).stdout.trim()).toBe('')
    }
  }, 120_000)
})
