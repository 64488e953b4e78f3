// Remove what shellbook left on an engine: containers (with their anonymous volumes), then
// networks and volumes, which an existing container would still hold.
import { docker, type DockerOptions } from './docker.js'
import { isOwnerAlive, LABELS } from './labels.js'

/** How many resources of each kind were removed. */
export interface Removed {
  containers: number
  volumes: number
  networks: number
}

/** Options of `reapOrphans`. */
export interface ReapOptions {
  /** Engine endpoint (`DOCKER_HOST`); default: the environment's. */
  engine?: string | undefined
}

/** Options of `removeLabelled`: one build's resources, or every shellbook resource. */
export type RemoveOptions = { engine?: string } & ({ buildId: string; all?: never } | { all: true; buildId?: never })

type Kind = keyof Removed

/** A labelled resource as listed: its id or name and its owner. */
interface Listed {
  ref: string
  owner: string
}

/** Remove every shellbook resource whose owner process is dead (on this host; other hosts' are kept). */
export async function reapOrphans(options: ReapOptions = {}): Promise<Removed> {
  return removeWhere(LABELS.owner, (listed) => !isOwnerAlive(listed.owner), callOf(options.engine))
}

/** Remove the resources of one build (`buildId`), or every shellbook resource (`all`), whoever owns them. */
export async function removeLabelled(options: RemoveOptions): Promise<Removed> {
  const filter = options.all === true ? LABELS.build : `${LABELS.build}=${options.buildId}`
  return removeWhere(filter, () => true, callOf(options.engine))
}

async function removeWhere(filter: string, chosen: (listed: Listed) => boolean, call: DockerOptions): Promise<Removed> {
  const removed: Removed = { containers: 0, volumes: 0, networks: 0 }
  const kinds = ['containers', 'networks', 'volumes'] as const
  // Listed at once (each `docker` call costs tens of milliseconds, and most builds find nothing);
  // removed in order: a volume or network is refused while a container uses it.
  const listed = await Promise.all(kinds.map((kind) => list(kind, filter, call)))
  for (const [index, kind] of kinds.entries()) {
    const refs = listed[index]!.filter(chosen).map((found) => found.ref)
    if (refs.length === 0) continue
    removed[kind] = await remove(kind, refs, call)
  }
  return removed
}

const listArgs: Record<Kind, string[]> = {
  containers: ['ps', '-a', '--no-trunc', '--format'],
  volumes: ['volume', 'ls', '--format'],
  networks: ['network', 'ls', '--no-trunc', '--format'],
}

async function list(kind: Kind, filter: string, call: DockerOptions): Promise<Listed[]> {
  const ref = kind === 'volumes' ? '{{.Name}}' : '{{.ID}}'
  const result = await docker([...listArgs[kind], `${ref}\t{{.Label "${LABELS.owner}"}}`, '--filter', `label=${filter}`], call)
  // An engine that does not answer has nothing we can remove; the caller's next step will say why.
  if (result.exitCode !== 0) return []
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [found = '', owner = ''] = line.split('\t')
      return { ref: found.trim(), owner: owner.trim() }
    })
}

const removeArgs: Record<Kind, string[]> = {
  containers: ['rm', '-f', '-v'],
  volumes: ['volume', 'rm', '-f'],
  networks: ['network', 'rm'],
}

/** Remove in one call; count what is really gone (one busy or vanished resource must not hide the others). */
async function remove(kind: Kind, refs: string[], call: DockerOptions): Promise<number> {
  const result = await docker([...removeArgs[kind], ...refs], call)
  if (result.exitCode === 0) return refs.length
  // The CLI prints each removed ref on stdout and goes on after a failure.
  const gone = new Set(result.stdout.split('\n').map((line) => line.trim()))
  return refs.filter((ref) => gone.has(ref)).length
}

function callOf(engine: string | undefined): DockerOptions {
  return { engine }
}
