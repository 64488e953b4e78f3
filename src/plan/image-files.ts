// Images named inside files a lesson builds from: a Dockerfile's `FROM` (and `COPY --from=`),
// a compose file's `image:`. Files are recognised by name, as docker and compose find them.
import path from 'node:path'
import { isMap, isScalar, parseDocument } from 'yaml'

/** An image named in a file, with the character offset of its name in the file's text. */
export interface ImageInFile {
  image: string
  offset: number
}

/** What a file says about images: those it needs, and those it makes (compose services with `build:`). */
export interface FileImages {
  needs: ImageInFile[]
  makes: string[]
}

/** `Dockerfile`, `Dockerfile.dev`, `app.Dockerfile`, `Containerfile`. */
export function isDockerfile(filePath: string): boolean {
  const name = path.posix.basename(filePath)
  return /^(?:Dockerfile|Containerfile)(?:\..+)?$/i.test(name) || /\.(?:Dockerfile|Containerfile)$/i.test(name)
}

/** `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`. */
export function isComposeFile(filePath: string): boolean {
  return /^(?:docker-)?compose(?:\.[\w-]+)*\.ya?ml$/i.test(path.posix.basename(filePath))
}

/** The images a file needs, by its kind; nothing for a file that is neither a Dockerfile nor a compose file. */
export function imagesInFile(filePath: string, text: string): FileImages {
  if (isDockerfile(filePath)) return { needs: dockerfileImages(text), makes: [] }
  if (isComposeFile(filePath)) return composeImages(text)
  return { needs: [], makes: [] }
}

/**
 * `FROM node:18 AS build` needs `node:18`; a later `FROM build` names that stage, not an image.
 * `FROM scratch` is no image, and `FROM ${BASE}` depends on an ARG: both are skipped.
 */
export function dockerfileImages(text: string): ImageInFile[] {
  const needs: ImageInFile[] = []
  const stages = new Set<string>()
  for (const { words, offset } of instructions(text)) {
    const keyword = words[0]?.toUpperCase()
    if (keyword === 'FROM') {
      const [image, as, stage] = words.slice(1).filter((word) => !word.startsWith('--'))
      if (image && !stages.has(image.toLowerCase()) && image.toLowerCase() !== 'scratch') needs.push({ image, offset: text.indexOf(image, offset) })
      if (as?.toUpperCase() === 'AS' && stage) stages.add(stage.toLowerCase())
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      // `COPY --from=nginx:alpine /etc/nginx/nginx.conf .` copies out of an image; `--from=build` or `--from=0` out of a stage.
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length)
      if (from && !/^\d+$/.test(from) && !stages.has(from.toLowerCase())) needs.push({ image: from, offset: text.indexOf(from, offset) })
    }
  }
  return needs.filter((need) => !need.image.includes('$'))
}

/** A Dockerfile's instructions: `\` continuations joined, comments dropped, with where each starts. */
function instructions(text: string): { words: string[]; offset: number }[] {
  const found: { words: string[]; offset: number }[] = []
  let pending: { text: string; offset: number } | undefined
  let offset = 0
  for (const line of text.split('\n')) {
    const lineOffset = offset
    offset += line.length + 1
    if (/^\s*#/.test(line)) continue
    const joined = (pending?.text ?? '') + line.replace(/\\\s*$/, ' ')
    const start = pending?.offset ?? lineOffset
    if (/\\\s*$/.test(line)) {
      pending = { text: joined, offset: start }
      continue
    }
    pending = undefined
    if (joined.trim() !== '') found.push({ words: joined.trim().split(/\s+/), offset: start })
  }
  if (pending && pending.text.trim() !== '') found.push({ words: pending.text.trim().split(/\s+/), offset: pending.offset })
  return found
}

/**
 * A compose file's services: `image:` is needed, unless the service also has `build:`
 * (compose builds it and names it so). Text that is not YAML names nothing.
 */
export function composeImages(text: string): FileImages {
  const found: FileImages = { needs: [], makes: [] }
  const document = parseDocument(text, { logLevel: 'silent' })
  const services = document.errors.length === 0 ? document.get('services', true) : undefined
  if (!isMap(services)) return found
  for (const service of services.items) {
    if (!isMap(service.value)) continue
    const image = service.value.get('image', true)
    if (!isScalar(image) || typeof image.value !== 'string' || image.value.includes('$')) continue
    if (service.value.has('build')) found.makes.push(image.value)
    else found.needs.push({ image: image.value, offset: image.range?.[0] ?? 0 })
  }
  return found
}
