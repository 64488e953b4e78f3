// What a sandbox container is made of: its name and its `docker run` argv. Kept apart from
// the host's life cycle (sandbox-host.ts) so the flags can be read in one place.
import { randomBytes } from 'node:crypto'
import { labelArgs, type BuildOwner } from '../engine/index.js'

export { LESSON_HOST_IMAGE } from './lesson-host-image.js'

/** The sandbox's hostname when lesson.yaml names none: what Katacoda's hosts were called. */
export const DEFAULT_HOSTNAME = 'host01'

/** Inside the sandbox: where the inner engine listens (the lesson-host image's CMD). */
export const INNER_SOCKET = '/var/run/docker.sock'

/** `shellbook-<slug>-<short build id>-<random>`: unique even for one lesson run twice at once. */
export function sandboxName(slug: string, owner: BuildOwner): string {
  // Container names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*: anything else in a slug becomes `-`.
  const safe = slug.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').slice(0, 40)
  return `shellbook-${safe}-${owner.buildId.slice(0, 6)}-${randomBytes(3).toString('hex')}`
}

/** What `sandboxRunArgs` needs. */
export interface SandboxRunInput {
  name: string
  slug: string
  owner: BuildOwner
  image: string
  /** lesson.yaml `hostname`, already checked; DEFAULT_HOSTNAME when undefined. */
  hostname: string | undefined
  /** The sandbox's own network, or undefined for `--network none`. */
  network: string | undefined
}

/** `docker run` argv of the sandbox container (see docker-host.md for why each flag). */
export function sandboxRunArgs(input: SandboxRunInput): string[] {
  const hostname = input.hostname ?? DEFAULT_HOSTNAME
  return [
    'run', '--detach', '--pull', 'never',
    '--name', input.name,
    ...labelArgs(input.owner, input.slug),
    // Stable, so captures of `hostname` or a prompt do not change from run to run. Resolvable as
    // on a Debian machine (127.0.1.1): with `--network none` docker does not add it to /etc/hosts,
    // and `sudo` then says "unable to resolve host".
    '--hostname', hostname, '--add-host', `${hostname}:127.0.1.1`,
    // An init reaps the orphans lessons leave (`docker exec … &`, killed shells).
    '--init',
    '--network', input.network ?? 'none',
    // --privileged fails here ("unable to apply caps"): the machine withholds CAP_SYS_RESOURCE.
    '--cap-add', 'ALL', '--cap-drop', 'SYS_RESOURCE',
    '--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined', '--security-opt', 'systempaths=unconfined',
    // exec: docker's tmpfs default is noexec, and lessons run what they write to /tmp (`go run`, scripts).
    '--tmpfs', '/run', '--tmpfs', '/tmp:rw,exec,nosuid,nodev',
    // Its own cgroup namespace, not the host's /sys/fs/cgroup bound in: inner containers' cgroups
    // then nest under the sandbox's (removed with it; bound in, they stayed behind in the host's
    // tree) and read `/docker/<id>` as on a real host. WAIT_AND_LOAD makes the mounts writable.
    '--cgroupns', 'private',
    // A volume, not the container's own layer: overlay on overlay fails. Named and labelled (created first).
    '--mount', `type=volume,src=${input.name},dst=/var/lib/docker`,
    // A terminal as the local host has one; `docker exec -t` would say TERM=xterm.
    '--env', 'TERM=xterm-256color',
    '--workdir', '/root',
    input.image,
  ]
}

/**
 * Run inside the sandbox. Makes its cgroup mounts writable (docker mounts them read-only
 * without --privileged) before the inner engine creates any container; waits for the inner
 * engine and prints when it answered and what it is (`engine-ready <ms> <json>`, on stderr);
 * then, with argument `load`, loads the image archive streamed on stdin. The socket appears
 * before the API serves, and a client that connects early waits in the listen backlog: so
 * `docker info` is asked once, never polled.
 */
export const WAIT_AND_LOAD = `set -e
for m in $(awk '$3 ~ /^cgroup/ { print $2 }' /proc/self/mounts); do
  mount -o remount,bind,rw "$m" || { echo "cannot make $m writable" >&2; exit 5; }
done
i=0
until [ -S ${INNER_SOCKET} ]; do
  i=$((i + 1))
  if [ "$i" -ge 3000 ]; then echo "no ${INNER_SOCKET} after 30 s" >&2; exit 3; fi
  sleep 0.01
done
engine=$(docker info --format '{"engineVersion":{{json .ServerVersion}},"kernel":{{json .KernelVersion}},"os":{{json .OperatingSystem}}}')
echo "engine-ready $(date +%s%3N) $engine" >&2
if [ "\${1-}" = load ]; then exec docker load --quiet; fi
`

/** Where the sandbox's own registry listens (images/lesson-host/: the inner engine's mirror). */
export const MIRROR_ADDRESS = '127.0.0.1:5000'

/**
 * Run inside the sandbox of a lesson that pulls (`docker pull alpine`): starts the host's own
 * registry, which the inner engine asks first for Docker Hub images (daemon.json
 * `registry-mirrors`), and pushes there each preloaded image given as `IMAGE MIRROR_REF` pairs,
 * then drops the extra tag. A pull then really goes through a registry and prints what a
 * reader's pull printed; with no registry at all it failed for want of a network.
 */
export const SERVE_PULLS = `set -e
docker-registry serve /etc/docker/registry/config.yml >/var/log/docker-registry.log 2>&1 &
i=0
until curl -fsS -o /dev/null http://${MIRROR_ADDRESS}/v2/; do
  i=$((i + 1))
  if [ "$i" -ge 400 ]; then echo "the sandbox's registry did not answer in 20 s:" >&2; tail -5 /var/log/docker-registry.log >&2; exit 4; fi
  sleep 0.05
done
while [ $# -ge 2 ]; do
  docker tag "$1" "$2"
  docker push --quiet "$2" >/dev/null
  docker rmi "$2" >/dev/null
  shift 2
done
`

/**
 * The name `image` has in the mirror (`alpine` → `127.0.0.1:5000/library/alpine:latest`), or
 * undefined when a mirror cannot serve it: another registry (`ghcr.io/x`, `localhost:5000/y`)
 * or a digest (`alpine@sha256:…`, which a stand-in does not have).
 */
export function mirrorRef(image: string): string | undefined {
  if (image.includes('@')) return undefined
  const parts = image.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').split('/')
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) return undefined
  const path = parts.length === 1 ? ['library', ...parts] : parts
  const last = path.at(-1)!
  if (!last.includes(':')) path[path.length - 1] = `${last}:latest`
  return `${MIRROR_ADDRESS}/${path.join('/')}`
}
