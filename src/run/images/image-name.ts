// Image names as lessons write them (`redis:alpine`, `library/busybox:1.36`, `ghcr.io/x/y:1`),
// split the way the docker CLI splits them, and mapped to an offline recipe folder.

/** The parts of an image reference. */
export interface ImageName {
  /** As written: `redis:alpine`. */
  name: string
  /** `ghcr.io`, `localhost:5000`; undefined for Docker Hub. */
  registry?: string | undefined
  /** Path inside the registry, without tag or digest: `redis`, `library/busybox`, `x/y`. */
  path: string
  /** `alpine`; undefined when none was written (docker then uses `latest`). */
  tag?: string | undefined
  /** `sha256:…` when written with `@`. */
  digest?: string | undefined
}

const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const registryPattern = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?$/
const tagPattern = /^[\w][\w.-]{0,127}$/
const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/

/** Split an image reference; undefined when docker would reject it. */
export function parseImageName(name: string): ImageName | undefined {
  let rest = name
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!digestPattern.test(digest)) return undefined
  }
  let tag: string | undefined
  // A colon after the last slash is a tag; before it, a registry port (`localhost:5000/x`).
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!tagPattern.test(tag)) return undefined
  }
  const parts = rest.split('/')
  let registry: string | undefined
  // Docker's rule: a first part with a dot or a port, or `localhost`, names a registry.
  const first = parts[0] ?? ''
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first
    parts.shift()
    if (!registryPattern.test(registry)) return undefined
  }
  if (parts.length === 0 || !parts.every((part) => component.test(part))) return undefined
  return {
    name,
    path: parts.join('/'),
    ...(registry === undefined ? {} : { registry }),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  }
}

/**
 * The recipe folder (under `images/`) that stands in for an image: the last part of its path.
 * So one recipe serves every tag, namespace and registry of that name — `redis:alpine`,
 * `library/redis:7` and `ghcr.io/acme/redis:1` all map to `redis` — because a stand-in only has
 * to behave like the image a lesson shows, and provenance says it is a stand-in.
 */
export function recipeNameOf(image: ImageName): string {
  return image.path.split('/').at(-1) ?? image.path
}
