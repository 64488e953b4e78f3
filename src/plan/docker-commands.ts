// What one simple command does with images: `docker run IMAGE` and `docker pull IMAGE` need
// one from outside; `docker build -t NAME` and `docker tag SRC NAME` make one on the machine.
// Options are read as the docker CLI reads them: a flag that is not a known boolean takes a value.
import { programWords, simpleCommands, type ShellWord } from '../shell/index.js'

/** The images a command names, by what it does with them. */
export interface DockerUse {
  /** Needed from outside: `docker run`/`create`/`pull` IMAGE, the source of `docker tag`. */
  needs: ShellWord[]
  /** Made on the machine: `docker build -t NAME`, the target of `docker tag`, `docker commit … NAME`. */
  makes: ShellWord[]
  /** `docker build -`: the Dockerfile comes on standard input (a heredoc). */
  dockerfileFromStdin: boolean
  /** `docker pull`, `docker image pull`: the command asks a registry for the image. */
  pulls: boolean
}

/** Which flags of a subcommand are booleans; every other flag takes a value (`-p 80:80`, `--name=x`). */
interface FlagSpec {
  shortBooleans: string
  longBooleans: readonly string[]
}

const runFlags: FlagSpec = {
  shortBooleans: 'ditPq',
  longBooleans: ['detach', 'interactive', 'tty', 'rm', 'privileged', 'init', 'publish-all', 'read-only', 'quiet', 'help',
    'disable-content-trust', 'no-healthcheck', 'oom-kill-disable', 'sig-proxy', 'use-api-socket'],
}
const pullFlags: FlagSpec = { shortBooleans: 'aq', longBooleans: ['all-tags', 'quiet', 'disable-content-trust', 'help'] }
const buildFlags: FlagSpec = {
  shortBooleans: 'q',
  longBooleans: ['no-cache', 'pull', 'quiet', 'rm', 'force-rm', 'compress', 'squash', 'disable-content-trust', 'load', 'push', 'check', 'help'],
}
const commitFlags: FlagSpec = { shortBooleans: 'p', longBooleans: ['pause', 'help'] }
const tagFlags: FlagSpec = { shortBooleans: '', longBooleans: ['help'] }
/** Options of `docker` itself, before the subcommand (`docker --context remote run …`). */
const globalFlags: FlagSpec = { shortBooleans: 'Dv', longBooleans: ['debug', 'tls', 'tlsverify', 'version', 'help'] }

/** Management commands and the verbs under them that name images (`docker buildx create` makes no image). */
const groupedVerbs: Readonly<Record<string, readonly string[]>> = {
  container: ['run', 'create', 'commit'],
  image: ['pull', 'build', 'tag'],
  buildx: ['build'],
  builder: ['build'],
}

/** What the simple command `words` does with images; nothing for a command that is not docker's. */
export function dockerUse(words: readonly ShellWord[]): DockerUse {
  const use: DockerUse = { needs: [], makes: [], dockerfileFromStdin: false, pulls: false }
  const args = programWords(words)
  if (args[0]?.text !== 'docker' && !args[0]?.text.endsWith('/docker')) return use
  const afterGlobal = readFlags(args.slice(1), globalFlags, true).positionals
  const [group, ...rest] = afterGlobal
  // `docker container run`, `docker image pull`, `docker buildx build`: the verb comes second.
  const grouped = Object.hasOwn(groupedVerbs, group?.text ?? '') ? groupedVerbs[group!.text]! : undefined
  const verb = grouped ? grouped.find((name) => name === rest[0]?.text) : group?.text
  const verbArgs = grouped ? rest.slice(1) : rest
  if (verb === 'run' || verb === 'create') {
    const image = readFlags(verbArgs, runFlags, true).positionals[0]
    if (image) use.needs.push(image)
  } else if (verb === 'pull') {
    const image = readFlags(verbArgs, pullFlags, true).positionals[0]
    if (image) use.needs.push(image)
    use.pulls = true
  } else if (verb === 'build') {
    const read = readFlags(verbArgs, buildFlags, false)
    use.makes.push(...read.valuesOf('t', 'tag'))
    use.dockerfileFromStdin = read.positionals[0]?.text === '-'
  } else if (verb === 'tag') {
    const [source, target] = readFlags(verbArgs, tagFlags, false).positionals
    if (source) use.needs.push(source)
    if (target) use.makes.push(target)
  } else if (verb === 'commit') {
    const target = readFlags(verbArgs, commitFlags, false).positionals[1]
    if (target) use.makes.push(target)
  }
  return use
}

/**
 * Whether `command` asks a registry for an image: `docker pull`, `docker image pull`,
 * `docker compose pull`, `docker-compose pull`. A host with no registry serves such a
 * lesson's images from one of its own (see the sandbox's SERVE_PULLS).
 */
export function pullsImages(command: string): boolean {
  return simpleCommands(command).some(({ words }) => {
    if (dockerUse(words).pulls) return true
    const args = programWords(words).map((word) => word.text)
    const compose = args[0] === 'docker-compose' ? args.slice(1) : args[0] === 'docker' && args.includes('compose') ? args.slice(args.indexOf('compose') + 1) : undefined
    return compose !== undefined && composeVerb(compose) === 'pull'
  })
}

/** Compose's options that take a value (`-f app.yml`), before its verb. */
const composeValueFlags = new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--parallel'])

/** `-f app.yml pull db` → `pull`. */
function composeVerb(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index++) {
    if (composeValueFlags.has(args[index]!)) index++
    else if (!args[index]!.startsWith('-')) return args[index]
  }
  return undefined
}

const execFlags: FlagSpec = { shortBooleans: 'dit', longBooleans: ['detach', 'interactive', 'tty', 'privileged', 'help'] }

/** `docker run IMAGE CMD…` / `docker exec C CMD…`: what runs inside, and how it is attached. */
export interface DockerRunInside {
  verb: 'run' | 'exec'
  /** The image (run) or container (exec). */
  target: ShellWord
  /** The command given after it; empty when the image's own runs. */
  inner: ShellWord[]
  detached: boolean
  /** `-it`: the reader's terminal is the program's. */
  interactive: boolean
}

/** What a `docker run` / `docker exec` runs inside; undefined for other commands. */
export function dockerRunsInside(words: readonly ShellWord[]): DockerRunInside | undefined {
  const args = programWords(words)
  if (args[0]?.text !== 'docker' && !args[0]?.text.endsWith('/docker')) return undefined
  const [group, ...rest] = readFlags(args.slice(1), globalFlags, true).positionals
  const verb = group?.text === 'container' ? rest[0]?.text : group?.text
  const verbArgs = group?.text === 'container' ? rest.slice(1) : rest
  if (verb !== 'run' && verb !== 'exec') return undefined
  const read = readFlags(verbArgs, verb === 'run' ? runFlags : execFlags, true)
  const [target, ...inner] = read.positionals
  if (!target) return undefined
  const has = (short: string, long: string) => read.booleans.has(short) || read.booleans.has(long)
  return { verb, target, inner, detached: has('d', 'detach'), interactive: has('i', 'interactive') && has('t', 'tty') }
}

interface ReadFlags {
  positionals: ShellWord[]
  /** Short and long boolean flags given (`d`, `i`, `t`, `detach`). */
  booleans: Set<string>
  /** Values given to any of these flag names (`-t a`, `--tag=b`, `-ta`). */
  valuesOf(...names: string[]): ShellWord[]
}

/**
 * Split arguments into flag values and positionals. With `stopAtPositional`, the first
 * positional ends the options (`docker run IMAGE -it` passes `-it` to the container).
 */
function readFlags(args: readonly ShellWord[], spec: FlagSpec, stopAtPositional: boolean): ReadFlags {
  const values: { name: string; value: ShellWord }[] = []
  const positionals: ShellWord[] = []
  const booleans = new Set<string>()
  let index = 0
  while (index < args.length) {
    const arg = args[index]!
    index++
    if (arg.text === '--') {
      positionals.push(...args.slice(index))
      break
    }
    if (arg.text.startsWith('--')) {
      const equals = arg.text.indexOf('=')
      const name = arg.text.slice(2, equals === -1 ? undefined : equals)
      if (equals === -1 && spec.longBooleans.includes(name)) booleans.add(name)
      if (equals !== -1) values.push({ name, value: { text: arg.text.slice(equals + 1), offset: arg.offset + equals + 1 } })
      else if (!spec.longBooleans.includes(name) && index < args.length) values.push({ name, value: args[index++]! })
      continue
    }
    if (arg.text.startsWith('-') && arg.text.length > 1) {
      // A cluster of short flags: `-dit`; the first that takes a value takes the rest (`-p80`) or the next word.
      for (let at = 1; at < arg.text.length; at++) {
        const name = arg.text[at]!
        if (spec.shortBooleans.includes(name)) {
          booleans.add(name)
          continue
        }
        const glued = arg.text.slice(at + 1)
        if (glued !== '') values.push({ name, value: { text: glued, offset: arg.offset + at + 1 } })
        else if (index < args.length) values.push({ name, value: args[index++]! })
        break
      }
      continue
    }
    positionals.push(arg)
    if (stopAtPositional) {
      positionals.push(...args.slice(index))
      break
    }
  }
  return { positionals, booleans, valuesOf: (...names) => values.filter((entry) => names.includes(entry.name)).map((entry) => entry.value) }
}
