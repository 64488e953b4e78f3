// A cell that failed for want of an outside network, recognised from what it printed: apt,
// curl, wget, git, pip or npm that could not resolve or reach a host, docker that could not
// reach a registry, ping with no route. A lesson host has no network unless lesson.yaml says
// `network: true`, and a Katacoda lesson was written on hosts that had one: the author needs
// that advice, not only an exit status. Pure functions; the run stage calls reportNoNetwork.
import { stripVTControlCharacters } from 'node:util'
import type { VFile } from 'vfile'
import { error, excerpt, type MessageOptions, type Place } from '../messages.js'

/** What a failed command printed that shows the network was missing. */
export interface NetworkFailure {
  /** In words, for the message: "`deb.debian.org` did not resolve". */
  evidence: string
  /** Docker reached for a registry (to pull, run, build or search) and could not. */
  registry: boolean
  /** The image docker could not pull, when the output or the command names it. */
  image?: string | undefined
  /** apt found no package lists: they come from the network (`apt-get update`). */
  noPackageLists: boolean
}

// Each tool's words for "this name did not resolve", capturing the name.
const unresolvedName = [
  /Temporary failure resolving '([^']+)'/g, // apt
  /Could not resolve '([^']+)'/g, // older apt
  /Could not resolve host: ([^\s'"]+)/g, // curl, git
  /unable to resolve host address [‘'"]([^’'"]+)/g, // GNU wget
  /bad address '([^']+)'/g, // busybox wget, ping, nslookup
  /getaddrinfo (?:EAI_AGAIN|ENOTFOUND) (\S+)/g, // node, npm
  /dial tcp: lookup ([^\s:]+)/g, // docker and other Go programs
  /^[\w.-]+: ([^\s:]+): (?:Temporary failure in name resolution|Name or service not known)/gm, // iputils ping
  /^(?:WARNING|ERROR): .*?https?:\/\/([^/\s:]+)\S*: (?:temporary error \(try again later\)|DNS lookup error)/gm, // apk (real alpine)
]

// Docker reaching a registry's API (`Get "https://registry-1.docker.io/v2/"`, `/v1/search`), or about to.
const registryRequest = /Get "https?:\/\/[^"\s]+\/v[12]\/|Unable to find image/

/** Recognise a network failure in a failed cell's output; undefined when it failed otherwise. */
export function recogniseNetworkFailure(command: string, output: string): NetworkFailure | undefined {
  // A pseudo-terminal's output: colours and cursor moves out, progress redraws (\r) as lines.
  const text = stripVTControlCharacters(output).replace(/\r/g, '\n')
  const evidence = evidenceIn(command, text)
  if (evidence === undefined) return undefined
  const registry = registryRequest.test(text)
  return { evidence: evidence.words, registry, image: registry ? imageOf(command, text) : undefined, noPackageLists: evidence.noPackageLists }
}

/** The advice for a failed cell, when the missing network made it fail: what to write in lesson.yaml. */
export function networkHint(command: string, output: string): string | undefined {
  const failure = recogniseNetworkFailure(command, output)
  if (failure === undefined) return undefined
  const give = 'give the host one with `network: true` in lesson.yaml'
  if (failure.image !== undefined) {
    return `the lesson host has no outside network to pull \`${failure.image}\` (${failure.evidence}): list it under \`images\` in lesson.yaml, so it is preloaded (or built offline as a stand-in), or ${give}`
  }
  if (failure.registry) return `the lesson host has no outside network to reach a registry (${failure.evidence}): ${give}`
  const update = failure.noPackageLists ? ', and run `apt-get update` before installing' : ''
  return `the lesson host has no outside network (${failure.evidence}): ${give}${update}`
}

/** What reportNoNetwork needs of the failed cell. */
export interface FailedCommand {
  command: string
  output: string
  exitCode: number | null
  expectedExit: number
}

/**
 * When the missing network made `failed` fail, add the `no-network` error at `place` (instead of
 * the plain unexpected exit status) and return true. Call it only for a host that has no
 * network (a sandbox without `network: true`): elsewhere the advice would be wrong.
 */
export function reportNoNetwork(file: VFile, place: Place, failed: FailedCommand, options: MessageOptions = {}): boolean {
  const hint = networkHint(failed.command, failed.output)
  if (hint === undefined) return false
  const reason = `Unexpected exit status ${failed.exitCode ?? 'unknown'} from \`${excerpt(failed.command)}\`, expected ${failed.expectedExit}: ${hint}`
  error(file, reason, place, 'no-network', options)
  return true
}

function evidenceIn(command: string, text: string): { words: string; noPackageLists: boolean } | undefined {
  const names = unresolvedName.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!))
  const outside = names.find(isOutsideHost)
  if (outside !== undefined) return { words: `\`${outside}\` did not resolve`, noPackageLists: false }
  // Only names of the lesson's own containers failed (`wget web`): a mistake in the lesson, not the network.
  if (names.length > 0) return undefined
  // pip and Python name no host in their message.
  if (/Temporary failure in name resolution/.test(text)) return { words: 'a host name did not resolve', noPackageLists: false }
  if (/network is unreachable/i.test(text)) return { words: 'the network is unreachable', noPackageLists: false }
  const refused = /Failed to connect to (\S+) port \d+/.exec(text)?.[1] // curl says the same for a refused port
  if (refused !== undefined && isOutsideHost(refused)) return { words: `\`${refused}\` could not be reached`, noPackageLists: false }
  // The host's apt lists are empty (they are downloaded): every package is "unknown".
  if (/\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/.test(command) && /Unable to locate package|has no installation candidate/.test(text)) {
    return { words: 'apt has no package lists to install from', noPackageLists: true }
  }
  return undefined
}

/** The image docker wanted: `Unable to find image 'x' locally`, a build's FROM, or `docker pull x`. */
function imageOf(command: string, text: string): string | undefined {
  const named = /Unable to find image '([^']+)' locally/.exec(text)?.[1] ?? /Step \d+\/\d+ : FROM (\S+)/i.exec(text)?.[1]
  if (named !== undefined) return named
  return /\bdocker\s+(?:image\s+)?pull\s+(?:-\S+\s+)*([^\s;&|-][^\s;&|]*)/.exec(command)?.[1]
}

/**
 * A host outside the lesson host: a public IPv4 address, or a name with a dot (`deb.debian.org`).
 * The lesson's own containers and services have dotless names (`db`, `web`), and loopback or
 * private addresses are inside the lesson host's own networks.
 */
function isOutsideHost(host: string): boolean {
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host)
  if (ipv4 !== null) {
    const [a, b] = [Number(ipv4[1]), Number(ipv4[2])]
    const inside = a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
    return !inside
  }
  return host.includes('.') && !/\.(?:local|localhost|internal)\.?$/.test(host)
}
