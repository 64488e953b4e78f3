// The options more than one command takes, each defined once: same flag, same words, same
// parsing everywhere. A flag the user leaves out stays undefined, so the library's own
// defaults apply (build(), checkLessons()); the help names them from the same constants.
import { InvalidArgumentError, Option } from 'commander'
import { buildDefaults } from '../build-defaults.js'

/** `--engine`, repeatable: endpoints or docker context names. */
export function engineOption(): Option {
  return new Option('--engine <endpoint>', 'a Docker engine: an endpoint (unix:///path.sock, tcp://host:2376) or a docker context name; repeat it for several (default: the environment\'s, DOCKER_HOST or the current context)')
    .argParser(collect)
}

export function lessonsOption(): Option {
  return new Option('--lessons <dir>', `lessons folder: <slug>/lesson.yaml and <slug>/<locale>.md (default: ${buildDefaults.lessonsDir})`)
}

export function imagesOption(): Option {
  return new Option('--images <dir>', `offline image recipes folder, images/<name>/ (default: ${buildDefaults.imagesDir} if this folder has one, else shellbook's own)`)
}

/** `--pull`, as docker's own: whether an image the engine lacks is pulled before a stand-in is built. */
export function pullOption(): Option {
  return new Option('--pull <policy>', 'an image the engine lacks: missing = try `docker pull` first; never = build its stand-in from images/ at once, no registry traffic (default: missing)')
    .choices(['missing', 'never'])
}

export function formatOption(): Option {
  return new Option('--format <format>', 'text: positioned messages on stderr (vfile-reporter); json: one object per message on stdout, for CI')
    .choices(['text', 'json'])
    .default('text')
}

export function frailOption(): Option {
  return new Option('--frail', 'exit 1 on warnings too, not only on errors')
}

export type PullPolicy = 'missing' | 'never'

/** `--pull` as the library's `pull` flag; undefined (not given) keeps its default. */
export function pullOf(policy: PullPolicy | undefined): boolean | undefined {
  return policy === undefined ? undefined : policy === 'missing'
}

/** `--engine` values as endpoints; none given: undefined, the environment's engine. */
export async function enginesOf(values: readonly string[] | undefined): Promise<string[] | undefined> {
  if (values === undefined) return undefined
  // Loaded here, not at the top: the help reads this file, and the engine code pulls in zx.
  const { endpointOf } = await import('../run/index.js')
  return Promise.all(values.map(endpointOf))
}

export function positiveInteger(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of at least 1')
  return number
}

/** A TCP port, 0 (any free one) to 65535. */
export function port(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isInteger(number) || number < 0 || number > 65_535) throw new InvalidArgumentError('expected a port number from 0 (any free port) to 65535')
  return number
}

/** A whole number, 0 or more (`--max-lines 0`: no cap). */
export function wholeNumber(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number, 0 or more')
  return number
}

/** Seconds, 0 or more, as milliseconds. */
export function secondsAsMs(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new InvalidArgumentError('expected a number of seconds, 0 or more')
  return Math.round(number * 1000)
}

/** `2/4` → share 2 of 4. */
export function shard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  const [index, count] = [Number(match?.[1]), Number(match?.[2])]
  if (!match || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('expected i/n with 1 ≤ i ≤ n, such as 2/4')
  return { index, count }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/** `--base docs` → `/docs/`; `/` stays. */
export function basePath(value: string): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '')
  if (trimmed !== '' && !/^[\w.~-]+(\/[\w.~-]+)*$/.test(trimmed)) throw new InvalidArgumentError('expected URL path segments such as /docs/')
  return trimmed === '' ? '/' : `/${trimmed}/`
}

/** `--site-url https://example.org/` → `https://example.org`: an http(s) origin, the path goes in --base. */
export function siteUrl(value: string): string {
  const parsed = URL.canParse(value) ? new URL(value) : undefined
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
    throw new InvalidArgumentError('expected an http(s) address with no path, such as https://example.org (a path goes in --base)')
  }
  return parsed.origin
}
