// The `sandbox` host: a disposable Docker-in-Docker container per lesson, with the lesson's
// images preloaded into its own engine. Nothing the lesson does touches the outer machine,
// and everything created carries shellbook's labels, so what a killed build leaves is found
// (reaper.ts). stop() removes it all, whatever happened before.
import { $ } from 'zx/core'
import { z } from '../../zod.js'
import type { LessonPlan } from '../../plan/index.js'
import { docker, dockerFailure, lastLines, type DockerOptions, type DockerResult, labelArgs, type BuildOwner } from '../engine/index.js'
import { HostError, type Host } from './host.js'
import type { RuleId } from '../../messages.js'
import { LESSON_HOST_IMAGE, MIRROR_ADDRESS, mirrorRef, sandboxName, sandboxRunArgs, SERVE_PULLS, WAIT_AND_LOAD } from './sandbox-run.js'
import { DEFAULT_LOCAL_SHELL } from '../session/index.js'


/** Options of `createSandboxHost`. */
export interface SandboxOptions {
  /** Outer engine endpoint (`DOCKER_HOST`, a unix socket); default: the environment's. */
  engine?: string | undefined
  /** Whose resources these are (labels); normally `currentBuildOwner()`. */
  owner: BuildOwner
  /** Images of the outer engine loaded into the sandbox's engine under the same names. */
  images: readonly string[]
  /** Outside network through a labelled network of its own; default false: `--network none`. */
  network?: boolean | undefined
  /** The sandbox's hostname (lesson.yaml `hostname`); default DEFAULT_HOSTNAME, `host01`. */
  hostname?: string | undefined
  /** Image the sandbox runs; default LESSON_HOST_IMAGE. */
  image?: string | undefined
  /** Time allowed for the inner engine to answer and the images to load; default 120 000 ms. */
  readyTimeoutMs?: number | undefined
  /** Serve `images` from a registry in the sandbox, so the lesson's `docker pull` finds them; default false. */
  servePulls?: boolean | undefined
}

/** The inner engine, for provenance. */
export interface SandboxEngine {
  engineVersion: string
  kernel: string
  os: string
}

/** What start() spent its time on, in milliseconds. */
export interface SandboxTimings {
  /** Volume (and network) created. */
  create: number
  /** `docker run` returned: the container runs. */
  run: number
  /** Then until the inner engine answered. */
  engine: number
  /** Then until the images were loaded (0 without images). */
  images: number
}

export interface SandboxHost extends Host {
  readonly kind: 'sandbox'
  /** Container (and volume, network) name: `shellbook-<slug>-<build>-<random>`. */
  readonly name: string
  /** The inner engine's version, kernel and OS; after start(). */
  describeEngine(): Promise<SandboxEngine>
  /** Time start() took, once it succeeded: the first command can run and the images are there. */
  readyMs?: number | undefined
  /** Where that time went. */
  timings?: SandboxTimings | undefined
}

const defaultReadyTimeoutMs = 120_000

/** The sandbox terminal's own detach keys (`docker exec --detach-keys`): a sequence no lesson types. */
const TERMINAL_DETACH_KEYS = 'ctrl-],ctrl-^,ctrl-_'

export function createSandboxHost(plan: LessonPlan, options: SandboxOptions): SandboxHost {
  const name = sandboxName(plan.slug, options.owner)
  const call: DockerOptions = { engine: options.engine }
  const network = options.network === true ? name : undefined
  const image = options.image ?? LESSON_HOST_IMAGE
  const labels = labelArgs(options.owner, plan.slug)
  let engine: SandboxEngine | undefined

  const host: SandboxHost = {
    kind: 'sandbox',
    name,
    // Detach keys no lesson types: Docker's default, Ctrl-P Ctrl-Q, is the lesson's to detach from its own containers.
    shell: ['docker', ...(options.engine === undefined ? [] : ['-H', options.engine]), 'exec', '-it', `--detach-keys=${TERMINAL_DETACH_KEYS}`, name, ...DEFAULT_LOCAL_SHELL],
    async start() {
      const started = Date.now()
      try {
        // Volume and network first, labelled, so a SIGKILL from here on leaves nothing unlabelled.
        const created = await Promise.all([
          docker(['volume', 'create', ...labels, name], call),
          network === undefined ? undefined : docker(['network', 'create', ...labels, network], call),
        ])
        for (const result of created) {
          if (result !== undefined && result.exitCode !== 0) fail(`Unexpected failure creating the sandbox's ${result.args[0]} \`${name}\` (${dockerFailure(result)}), expected the engine to create it`, 'sandbox-create')
        }
        const createdAt = Date.now()
        const run = await docker(sandboxRunArgs({ name, slug: plan.slug, owner: options.owner, image, hostname: options.hostname, network }), call)
        if (run.exitCode !== 0) fail(runFailure(run, image), 'sandbox-run')
        const ranAt = Date.now()
        const readyTimeoutMs = options.readyTimeoutMs ?? defaultReadyTimeoutMs
        const ready = await waitAndLoad(name, options.images, readyTimeoutMs, call, options.engine)
        if (ready.exitCode !== 0 || ready.engine === undefined) fail(await readyFailure(name, ready, readyTimeoutMs, options.images, call), 'sandbox-engine')
        if (options.servePulls === true) await servePulls(name, options.images, readyTimeoutMs, call)
        const readyAt = Date.now()
        const engineAt = Math.min(Math.max(ready.engine.at, ranAt), readyAt)
        host.timings = { create: createdAt - started, run: ranAt - createdAt, engine: engineAt - ranAt, images: readyAt - engineAt }
        host.readyMs = readyAt - started
        engine = ready.engine.describe
      } catch (error) {
        // Nothing is left half-made: what was created so far goes now, before the error is seen.
        await host.stop()
        throw error
      }
    },
    async stop() {
      // Each step is tried whatever the previous one did; failures leave labelled leftovers for `shellbook clean`.
      try {
        await docker(['rm', '--force', '--volumes', name], call)
        await Promise.all([
          docker(['volume', 'rm', '--force', name], call),
          network === undefined ? undefined : docker(['network', 'rm', network], call),
        ])
      } catch {
        // stop() never throws (docker() returns values; this only guards a CLI that could not be spawned).
      }
    },
    async describeEngine() {
      // Asked while the sandbox started: after a successful start() this cannot fail.
      if (engine === undefined) fail(`Unexpected describeEngine() on sandbox \`${name}\` before it started, expected start() first`, 'sandbox-engine')
      return engine
    },
  }
  return host
}

const engineSchema = z.object({ engineVersion: z.string().min(1), kernel: z.string(), os: z.string() })

/** Start the sandbox's registry and push the lesson's images there (see SERVE_PULLS). */
async function servePulls(name: string, images: readonly string[], timeoutMs: number, call: DockerOptions): Promise<void> {
  const pairs = images.flatMap((image) => {
    const ref = mirrorRef(image)
    return ref === undefined ? [] : [image, ref]
  })
  const result = await docker(['exec', name, 'sh', '-c', SERVE_PULLS, 'sh', ...pairs], { ...call, timeoutMs })
  if (result.exitCode !== 0) fail(`Unexpected failure serving \`${images.join(' ')}\` from sandbox \`${name}\`'s own registry (${dockerFailure(result)}), expected \`docker push\` to ${MIRROR_ADDRESS} to work`, 'sandbox-engine')
}

/** How waiting for the inner engine (and loading the images) went. */
interface Ready {
  exitCode: number | null
  stderr: string
  timedOut: boolean
  /** When the inner engine answered (the sandbox shares this machine's clock), and what it said it is. */
  engine: { at: number; describe: SandboxEngine } | undefined
}

/** Wait for the inner engine; with images, stream `docker save` into its `docker load` in the same exec. */
async function waitAndLoad(name: string, images: readonly string[], timeoutMs: number, call: DockerOptions, engine: string | undefined): Promise<Ready> {
  if (images.length === 0) {
    const result = await docker(['exec', name, 'sh', '-c', WAIT_AND_LOAD, 'sh'], { ...call, timeoutMs })
    return { exitCode: result.exitCode, stderr: result.stderr, timedOut: result.timedOut, engine: engineReady(result.stderr) }
  }
  // Two CLIs joined by an OS pipe in bash: the archive streams straight from one engine into the
  // other (no temp file, no copy through this process), and `docker save` runs while the inner
  // engine starts. Not docker(): a Node pipe into a CLI that exits early throws EPIPE.
  const env = engine === undefined ? process.env : { ...process.env, DOCKER_HOST: engine }
  const output = await $({ nothrow: true, quiet: true, verbose: false, env, timeout: timeoutMs, prefix: 'set -euo pipefail;' })`docker save ${[...images]} | docker exec -i ${name} sh -c ${WAIT_AND_LOAD} sh load`
  const timedOut = output.signal !== null && output.exitCode === null
  return { exitCode: output.exitCode, stderr: output.stderr, timedOut, engine: engineReady(output.stderr) }
}

/** The `engine-ready <ms> <json>` line WAIT_AND_LOAD prints. */
function engineReady(stderr: string): Ready['engine'] {
  const match = /^engine-ready (\d+) (.*)$/m.exec(stderr)
  const parsed = engineSchema.safeParse(parseJson(match?.[2] ?? ''))
  return match === null || !parsed.success ? undefined : { at: Number(match[1]), describe: parsed.data }
}

function runFailure(run: DockerResult, image: string): string {
  const said = dockerFailure(run)
  if (/no such image/i.test(said)) {
    const how = image === LESSON_HOST_IMAGE ? 'shellbook hosts build' : `shellbook images ${image}`
    return `Unexpected missing image \`${image}\` on the engine, expected the sandbox host's image: build it with \`${how}\``
  }
  return `Unexpected failure starting the sandbox container (${said}), expected \`docker run\` to start \`${image}\``
}

/** Why the inner engine did not answer (with its last log lines), or why the images did not load. */
async function readyFailure(name: string, ready: Ready, timeoutMs: number, images: readonly string[], call: DockerOptions): Promise<string> {
  const said = ready.timedOut ? `timed out after ${timeoutMs} ms` : lastLines(ready.stderr.replace(/^engine-ready .*$/m, ''), 2) || `exit status ${ready.exitCode ?? 'unknown'}`
  if (ready.engine === undefined) {
    const logs = await docker(['logs', '--tail', '3', name], call)
    const inner = lastLines(logs.stdout + logs.stderr, 3)
    return `Unexpected failure of sandbox \`${name}\` (${said}${inner === '' ? '' : `; its dockerd said: ${inner}`}), expected the engine inside the sandbox to answer`
  }
  // `docker save` names no image when one is missing: ask which.
  const present = await Promise.all(images.map(async (image) => (await docker(['image', 'inspect', '--format', '{{.Id}}', image], call)).exitCode === 0))
  const missing = images.filter((_, index) => !present[index])
  if (missing.length > 0) {
    return `Unexpected missing image \`${missing.join(' ')}\` on the engine, expected the lesson's images there to load into sandbox \`${name}\`: make them with \`shellbook images ${missing.join(' ')}\``
  }
  return `Unexpected failure loading \`${images.join(' ')}\` into sandbox \`${name}\` (${said}), expected \`docker save | docker load\` to copy them`
}

function fail(message: string, ruleId: RuleId): never {
  throw new HostError(message, ruleId)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined // reported by the schema check: no engine line
  }
}
