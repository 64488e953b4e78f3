// What Docker engine we are talking to: version, kernel, OS — recorded in every capture's provenance.
import { z } from '../../zod.js'
import { docker, dockerFailure, type DockerOptions } from './docker.js'

/** The engine as `docker info` describes it. */
export interface EngineInfo {
  /** `20.10.24+dfsg1`. */
  serverVersion: string
  /** Kernel the containers share: `6.1.0-18-amd64`. */
  kernel: string
  /** Operating system of the engine's host: `Debian GNU/Linux 12 (bookworm)`. */
  os: string
  /** `x86_64`. */
  arch: string
  /** `overlay2`. */
  storageDriver: string
  /** `1` or `2`; empty when the engine does not say. */
  cgroupVersion: string
  /**
   * Where the engine pulls from. Whether a pull works is not known until one is tried
   * (no network probe here): `ensureImages` tries with a bounded time and falls back to recipes.
   */
  registry: { index: string; mirrors: string[] }
}

/** Options of `probeEngine`. */
export interface ProbeOptions {
  /** Engine endpoint (`DOCKER_HOST`); default: the environment's. */
  engine?: string | undefined
  /** Give up after this many milliseconds; default 10 000. */
  timeoutMs?: number | undefined
}

/** No engine answered (or no docker CLI at all). The message says how to get one. */
export class EngineUnreachableError extends Error {
  override name = 'EngineUnreachableError'
  /** What docker said, verbatim: `Cannot connect to the Docker daemon at unix:///var/run/docker.sock…`. */
  readonly detail: string
  /** The endpoint tried; `default` when DOCKER_HOST was not set. */
  readonly endpoint: string
  /** A short clause for messages that have their own advice: `no Docker engine answers at …`. */
  readonly summary: string

  constructor(endpoint: string, detail: string, missingCli: boolean) {
    super(
      missingCli
        ? `Unexpected missing \`docker\` command, expected the Docker CLI on PATH: install it with \`apt-get install docker.io\` (${detail})`
        : `Unexpected unreachable Docker engine at ${endpoint}, expected a running engine: start one with ` +
            '`dockerd >/var/log/dockerd.log 2>&1 &` or `systemctl start docker`, ' +
            `or point DOCKER_HOST at one (docker said: ${detail})`,
    )
    this.detail = detail
    this.endpoint = endpoint
    this.summary = missingCli ? 'no `docker` command is installed' : `no Docker engine answers at ${endpoint}`
  }
}

// Only the fields we read; docker info has many more.
const infoSchema = z.object({
  ServerVersion: z.string(),
  KernelVersion: z.string(),
  OperatingSystem: z.string(),
  Architecture: z.string(),
  Driver: z.string(),
  CgroupVersion: z.string().optional(),
  IndexServerAddress: z.string(),
  RegistryConfig: z.object({ Mirrors: z.array(z.string()).nullable().optional() }).nullable(),
})

/** Ask the engine who it is; throws `EngineUnreachableError` when none answers. */
export async function probeEngine(options: ProbeOptions = {}): Promise<EngineInfo> {
  const call: DockerOptions = { timeoutMs: options.timeoutMs ?? 10_000, engine: options.engine }
  const endpoint = options.engine ?? process.env['DOCKER_HOST'] ?? 'default'
  const result = await docker(['info', '--format', '{{json .}}'], call)
  // The shell running the CLI says 127 when there is no `docker` at all.
  if (result.exitCode === 127) throw new EngineUnreachableError(endpoint, dockerFailure(result), true)
  // A recent CLI prints a JSON shell (ServerVersion "") and exits 1 when the daemon is down.
  if (result.exitCode !== 0) throw new EngineUnreachableError(endpoint, dockerFailure(result), false)
  const parsed = infoSchema.safeParse(parseJson(result.stdout))
  if (!parsed.success || parsed.data.ServerVersion === '') {
    throw new EngineUnreachableError(endpoint, `unexpected \`docker info\` output: ${result.stdout.slice(0, 200)}`, false)
  }
  const info = parsed.data
  return {
    serverVersion: info.ServerVersion,
    kernel: info.KernelVersion,
    os: info.OperatingSystem,
    arch: info.Architecture,
    storageDriver: info.Driver,
    cgroupVersion: info.CgroupVersion ?? '',
    registry: { index: info.IndexServerAddress, mirrors: info.RegistryConfig?.Mirrors ?? [] },
  }
}

/** JSON or undefined: a CLI that printed something else is reported by the schema check. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined // reported by the caller as "unexpected `docker info` output"
  }
}
