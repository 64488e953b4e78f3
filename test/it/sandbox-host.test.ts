// The sandbox host on the real engine: lessons see only their own Docker-in-Docker machine,
// two run side by side, and nothing labelled outlives them, not even a SIGKILLed build.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import type { RunEvent } from '../../src/run/events.js'
import { HostError } from '../../src/run/hosts/host.js'
import { currentBuildOwner, isOwnerAlive, LABELS } from '../../src/run/engine/labels.js'
import { reapOrphans, removeLabelled } from '../../src/run/engine/reaper.js'
import { runLesson } from '../../src/run/run-lesson.js'
import { createSandboxHost } from '../../src/run/hosts/sandbox-host.js'
import { LESSON_HOST_IMAGE } from '../../src/run/hosts/sandbox-run.js'
import { skipWithoutEngine } from './engine-required.js'
import { output, owner, planOf, runOnSandbox } from './sandbox-lessons.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')

/** Ids or names of the resources on the outer engine whose label matches `filter` (`key` or `key=value`). */
async function labelled(filter: string): Promise<{ containers: string[]; volumes: string[]; networks: string[] }> {
  const list = async (...args: string[]) => (await run('docker', [...args, '--filter', `label=${filter}`])).stdout.split('\n').filter(Boolean)
  return {
    containers: await list('ps', '-a', '--format', '{{.Names}}'),
    volumes: await list('volume', 'ls', '--format', '{{.Name}}'),
    networks: await list('network', 'ls', '--format', '{{.Name}}'),
  }
}

const none = { containers: [], volumes: [], networks: [] }

/**
 * A build in a child process that starts a sandbox (with its own network) and is then
 * SIGKILLed: no stop(), no `finally`. Resolves with its owner once its container exists.
 */
async function killedBuild(): Promise<string> {
  const run = JSON.stringify(new URL('../../dist/run/index.js', import.meta.url).href)
  const script = `
    import { createSandboxHost, currentBuildOwner } from ${run}
    const owner = currentBuildOwner()
    console.log(owner.owner)
    await createSandboxHost({ slug: 'orphan' }, { owner, images: [], network: true }).start()
    setInterval(() => undefined, 1000)
  `
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const childOwner = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`Unexpected exit ${code} of the child build, expected it to print its owner`)))
  })
  expect(childOwner).toMatch(new RegExp(`^${hostname()}:${child.pid}:\\d+$`))
  for (let waited = 0; (await labelled(`${LABELS.owner}=${childOwner}`)).containers.length === 0; waited += 50) {
    expect(waited, 'the child created its sandbox container').toBeLessThan(20_000)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await kill(child)
  return childOwner
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

describe.skipIf(skipWithoutEngine)('sandbox host', () => {
  afterAll(async () => {
    // Whatever a failed assertion left: this build's and the killed children's.
    await removeLabelled({ buildId: owner.buildId })
    await reapOrphans()
  })

  it('shows the lesson only its own machine: no process, pid or environment of the outer one', async () => {
    const token = randomBytes(8).toString('hex')
    // A distinctive argv[0] and environment, on the outer machine, for the whole run.
    const canary = spawn('bash', ['-c', `exec -a shellbook-canary-${token} sleep 300`], {
      env: { ...process.env, SHELLBOOK_CANARY: token },
      stdio: 'ignore',
    })
    try {
      const outer = (await run('ps', ['-eo', 'args'])).stdout
      expect(outer).toContain(`shellbook-canary-${token}`)
      const plan = await planOf(
        'isolation',
        "# Isolation\n\n```bash\n$ ps aux\n$ cat /proc/*/environ | tr '\\0' '\\n' | grep -c SHELLBOOK_CANARY || true\n$ pstree -p\n```\n",
        'title: {en: Isolation}\n',
      )
      const result = await runOnSandbox(plan)
      const captures = Object.values(result.cells).map((cell) => cell.output).join('\n')
      expect(captures).not.toContain(token)
      expect(captures).not.toContain('shellbook-canary')
      expect(captures).not.toMatch(/sleep 300/)
      expect(output(result, "cat /proc/*/environ | tr '\\0' '\\n' | grep -c SHELLBOOK_CANARY || true").trim()).toBe('0')
      const ps = output(result, 'ps aux').trim().split('\n')
      const pids = ps.slice(1).map((line) => Number(line.split(/\s+/)[1]))
      expect(pids).not.toContain(canary.pid)
      expect(output(result, 'pstree -p')).not.toContain(`(${canary.pid})`)
      // A handful: the init, dockerd, containerd, the lesson's bash and its ps.
      const commands = ps.slice(1).map((line) => line.split(/\s+/).slice(10).join(' '))
      expect(commands.length).toBeLessThanOrEqual(8)
      expect(commands.filter((command) => !/^(\/sbin\/docker-init -- )?dockerd|^containerd|^bash|^ps aux/.test(command))).toEqual([])
      expect(commands.some((command) => command.startsWith('dockerd'))).toBe(true)
      expect(commands.some((command) => command.startsWith('containerd'))).toBe(true)
      expect(output(result, 'pstree -p')).toMatch(/^docker-init\(1\)─+dockerd\(\d+\)─[┬─]─containerd\(\d+\)/)
      expect(result.provenance.hostKind).toBe('sandbox')
    } finally {
      await kill(canary)
    }
  })

  it('runs two lessons at once, each with its own `db`, invisible to the outer engine', async () => {
    const plan = await planOf(
      'two-dbs',
      '# Two\n\n`docker run -d --name=db redis:alpine`{{execute}}\n\n`docker top db`{{execute}}\n',
      'title: {en: Two}\nimages: [redis:alpine]\n',
    )
    // While a lesson's `db` runs (after its `docker top db`), ask the outer engine what it has.
    const seen: Array<Promise<{ all: string[]; ours: string[] }>> = []
    const onEvent = (event: RunEvent) => {
      if (event.kind !== 'cell-end' || event.capture.command !== 'docker top db') return
      seen.push(Promise.all([run('docker', ['ps', '-a', '--format', '{{.Names}} {{.Image}}']), labelled(`${LABELS.build}=${owner.buildId}`)]).then(([all, ours]) => ({
        all: all.stdout.split('\n').filter(Boolean),
        ours: ours.containers,
      })))
    }
    const [first, second] = await Promise.all([runOnSandbox(plan, {}, onEvent), runOnSandbox(plan, {}, onEvent)])
    for (const result of [first!, second!]) expect(output(result, 'docker top db')).toMatch(/ redis-server( |$)/m)
    const [early, late] = await Promise.all(seen)
    // When the first lesson's db ran, both sandboxes did (each a container of its own), and nothing else of theirs.
    expect(early!.ours).toHaveLength(2)
    expect(new Set(early!.ours).size).toBe(2)
    for (const name of early!.ours) expect(name).toMatch(/^shellbook-two-dbs-[0-9a-f]{6}-[0-9a-f]{6}$/)
    for (const { all } of [early!, late!]) {
      // The lessons' own containers (`db`, from redis:alpine) live in the sandboxes' engines only.
      expect(all.filter((line) => /^db |redis/.test(line))).toEqual([])
      const sandboxes = all.filter((line) => early!.ours.some((name) => line.startsWith(`${name} `)))
      expect(sandboxes.every((line) => line.endsWith(` ${LESSON_HOST_IMAGE}`))).toBe(true)
    }
    expect(await labelled(`${LABELS.build}=${owner.buildId}`)).toEqual(none)
  })

  it('starts with its images loaded and its engine described, says how long that took, and stops twice without complaint', async () => {
    const plan = await planOf('engine', '# Engine\n\n`true`{{execute}}\n', 'title: {en: Engine}\n')
    const host = createSandboxHost(plan, { owner, images: ['busybox'] })
    try {
      await host.start()
      expect(host.readyMs).toBeGreaterThan(0)
      expect(host.readyMs).toBe(Object.values(host.timings!).reduce((sum, ms) => sum + ms, 0))
      const engine = await host.describeEngine()
      expect(engine.kernel).toBe((await run('uname', ['-r'])).stdout.trim())
      expect(engine.engineVersion).toMatch(/^\d+\.\d+/)
      expect(engine.os).toMatch(/Debian/)
      const images = await run('docker', ['exec', host.name, 'docker', 'image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])
      expect(images.stdout.trim()).toBe('busybox:latest')
    } finally {
      await host.stop()
      await host.stop() // idempotent
    }
    expect(await labelled(`${LABELS.build}=${owner.buildId}`)).toEqual(none)
  })

  it('records the sandbox\'s engine in provenance, and reaches an explicit engine with -H', async () => {
    const engine = 'unix:///var/run/docker.sock'
    const plan = await planOf(
      'provenance',
      '# Provenance\n\n`docker version --format {{.Server.Version}}`{{execute}}\n\n`docker image ls --format {{.Repository}}`{{execute}}\n',
      'title: {en: Provenance}\nimages: [busybox]\n',
    )
    const host = createSandboxHost(plan, { owner, images: plan.config.images, engine })
    expect(host.shell).toEqual(['docker', '-H', engine, 'exec', '-it', '--detach-keys=ctrl-],ctrl-^,ctrl-_', host.name, 'bash', '--noprofile', '--norc', '--noediting', '-i'])
    const result = await runLesson(plan, { host, provenance: { hostKind: 'local', engineVersion: 'outer', kernel: '', os: '', images: [] } })
    expect(plan.file.messages.map(String)).toEqual([])
    expect(output(result, 'docker image ls --format {{.Repository}}').trim()).toBe('busybox')
    expect(result.provenance).toMatchObject({ hostKind: 'sandbox', engineVersion: output(result, 'docker version --format {{.Server.Version}}').trim() })
    expect(await labelled(`${LABELS.build}=${owner.buildId}`)).toEqual(none)
  })

  it('gives a lesson that asks for it a network of its own, labelled, and removes it', async () => {
    const plan = await planOf('net', '# Net\n\n`ip -o -4 addr show`{{execute}}\n', 'title: {en: Net}\nnetwork: true\n')
    const host = createSandboxHost(plan, { owner, images: [], network: true })
    try {
      await host.start()
      expect((await labelled(`${LABELS.build}=${owner.buildId}`)).networks).toEqual([host.name])
      const networks = await run('docker', ['inspect', '--format', '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}', host.name])
      expect(networks.stdout.trim()).toBe(host.name)
      const links = await run('docker', ['exec', host.name, 'ip', '-o', 'link'])
      expect(links.stdout).toMatch(/eth0/)
    } finally {
      await host.stop()
    }
    expect(await labelled(`${LABELS.build}=${owner.buildId}`)).toEqual(none)
  })

  it('reports a missing lesson-host image as a HostError, leaving nothing behind', async () => {
    const plan = await planOf('missing', '# Missing\n\n`true`{{execute}}\n', 'title: {en: Missing}\n')
    const host = createSandboxHost(plan, { owner, images: [], image: 'shellbook/no-such-host:1' })
    const error = await host.start().then(() => undefined, (thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(HostError)
    expect((error as HostError).message).toMatch(/^Unexpected missing image `shellbook\/no-such-host:1` on the engine, expected .*: build it with `shellbook images shellbook\/no-such-host:1`$/)
    expect((error as HostError).ruleId).toBe('sandbox-run')
    expect(await labelled(`${LABELS.build}=${owner.buildId}`)).toEqual(none)
    await host.stop()
  })

  it('reports an engine that never answers, or an image that cannot load, and removes the sandbox', async () => {
    const plan = await planOf('broken', '# Broken\n\n`true`{{execute}}\n', 'title: {en: Broken}\n')
    // busybox has no dockerd: its `sh` exits at once, and the container with it.
    const noEngine = createSandboxHost(plan, { owner, images: [], image: 'busybox' })
    const engineError = await noEngine.start().then(() => undefined, (thrown: unknown) => thrown)
    expect(engineError).toBeInstanceOf(HostError)
    expect((engineError as HostError).ruleId).toBe('sandbox-engine')
    expect((engineError as HostError).message).toMatch(/^Unexpected failure of sandbox `shellbook-broken-\w+-\w+` \(.+\), expected the engine inside the sandbox to answer$/)
    const noImage = createSandboxHost(plan, { owner, images: ['busybox', 'shellbook/no-such-image:1'] })
    const imageError = await noImage.start().then(() => undefined, (thrown: unknown) => thrown)
    expect((imageError as HostError).message).toMatch(/^Unexpected missing image `shellbook\/no-such-image:1` on the engine, expected the lesson's images there to load into sandbox `shellbook-broken-\w+-\w+`: make them with `shellbook images shellbook\/no-such-image:1`$/)
    expect(await labelled(`${LABELS.build}=${owner.buildId}`)).toEqual(none)
  })

  it('knows a live owner from a dead one, and a reused pid from its first owner', () => {
    expect(isOwnerAlive(owner.owner)).toBe(true)
    const [host, pid, start] = owner.owner.split(':')
    expect(isOwnerAlive(`${host}:${pid}:${Number(start) + 1}`)).toBe(false)
    expect(isOwnerAlive(`${host}:999999999:${start}`)).toBe(false)
    expect(isOwnerAlive(`another-host-${host}:${pid}:1`)).toBe(true)
    expect(currentBuildOwner()).toEqual(owner)
  })

  it('reaps what a SIGKILLed build left, and spares a live build', async () => {
    const plan = await planOf('alive', '# Alive\n\n`true`{{execute}}\n', 'title: {en: Alive}\n')
    const alive = createSandboxHost(plan, { owner, images: [] })
    await alive.start()
    try {
      const dead = await killedBuild()
      const left = await labelled(`${LABELS.owner}=${dead}`)
      expect(left.containers).toHaveLength(1)
      expect(left.volumes).toEqual(left.containers)
      expect(left.networks).toEqual(left.containers)
      const removed = await reapOrphans()
      expect(removed.containers).toBeGreaterThanOrEqual(1)
      expect(await labelled(`${LABELS.owner}=${dead}`)).toEqual(none)
      // Ours still runs: its owner (this process) is alive.
      expect((await labelled(`${LABELS.build}=${owner.buildId}`)).containers).toEqual([alive.name])
      const engine = await alive.describeEngine()
      expect(engine.engineVersion).not.toBe('')
    } finally {
      await alive.stop()
    }
    expect(await labelled(`${LABELS.build}=${owner.buildId}`)).toEqual(none)
  })

  it('`shellbook clean` removes an orphan and says so', async () => {
    await reapOrphans() // so the counts below are this orphan's
    const dead = await killedBuild()
    const cli = await run(process.execPath, [path.join(root, 'bin/shellbook.js'), 'clean'], { cwd: root })
    expect(cli.stderr).toMatch(/^removed 1 container\(s\), 1 volume\(s\), 1 network\(s\) left by dead builds on the default engine$/m)
    expect(await labelled(`${LABELS.owner}=${dead}`)).toEqual(none)
    const again = await run(process.execPath, [path.join(root, 'bin/shellbook.js'), 'clean'], { cwd: root })
    expect(again.stderr).toMatch(/^removed 0 container\(s\), 0 volume\(s\), 0 network\(s\)/m)
  })
})
