// Pictures a lesson shows from its own folder (`![diagram](./assets/arch.png)`, a raw
// `<img src="../assets/arch.png">` in a scenario step) are published with its pages: each
// relative address is resolved from the file it is written in, must name a file inside the
// lesson folder (else it is read from the lesson folder's top), and is rewritten to
// `media/<its path in the lesson folder>`: beside the page, where the render stage copies it.
// One that names no such file is a warning where it stands, and is left as written.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Root } from 'mdast'
import type { Position } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { excerpt, warning } from '../messages.js'
import { originOf } from './scenario/index.js'

/** A picture the lesson's pages show: the file, and its path beside each page (`media/assets/arch.png`). */
export interface LessonMedia {
  source: string
  target: string
}

/** Folder beside a page that holds its pictures. */
export const MEDIA_FOLDER = 'media'

const imgSource = /(<img\b[^>]*?\ssrc\s*=\s*)(["'])([^"']*)\2/gi

/** Rewrite the lesson's own picture addresses in `tree`; the pictures to publish, each once. */
export function lessonMedia(tree: Root, file: VFile, lessonDir: string): LessonMedia[] {
  const found = new Map<string, LessonMedia>()
  const publish = (url: string, position: Position | undefined): string => {
    if (!isRelative(url)) return url
    // From the file it is written in; else from the lesson folder (a step in `step1/` naming `assets/…` as from the scenario's top).
    const media = resolveMedia(url, fileDirAt(file, position, lessonDir), lessonDir) ?? resolveMedia(url, lessonDir, lessonDir)
    if (!media) {
      warning(file, `Unexpected picture \`${excerpt(url, 60)}\` that is no file in the lesson folder, expected a path from the file it is written in to a file beside the lesson (it is left as written)`, position, 'missing-media')
      return url
    }
    found.set(media.target, media)
    return media.target.split('/').map(encodeURIComponent).join('/') + suffixOf(url)
  }
  // A definition is a picture's when an image reference uses it (`![arch][diagram]`); links' stay as written.
  const pictureIds = new Set<string>()
  visit(tree, 'imageReference', (node) => {
    pictureIds.add(node.identifier)
  })
  visit(tree, (node) => {
    if (node.type === 'image' || (node.type === 'definition' && pictureIds.has(node.identifier))) node.url = publish(node.url, node.position)
    else if (node.type === 'html' && /<img\b/i.test(node.value)) {
      node.value = node.value.replace(imgSource, (_, head: string, quote: string, url: string) => `${head}${quote}${publish(url, node.position)}${quote}`)
    }
  })
  return [...found.values()]
}

/** A path on the lesson's own files: no scheme (`https:`, `data:`), not site-absolute, not a fragment. */
function isRelative(url: string): boolean {
  return url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('/') && !url.startsWith('#') && !url.includes('{{')
}

/** The folder of the file the node at `position` was written in (a scenario's step file, or the lesson's). */
function fileDirAt(file: VFile, position: Position | undefined, lessonDir: string): string {
  const origin = position && file.data.segments ? originOf(file, position.start) : undefined
  const written = origin?.file.path ?? file.path
  return written ? path.dirname(path.resolve(written)) : lessonDir
}

function resolveMedia(url: string, fromDir: string, lessonDir: string): LessonMedia | undefined {
  let relativePath: string
  try {
    relativePath = decodeURI(url.replace(/[?#].*$/, ''))
  } catch {
    return undefined
  }
  const source = path.resolve(fromDir, relativePath)
  const inLesson = path.relative(path.resolve(lessonDir), source)
  if (inLesson === '' || inLesson.startsWith('..') || path.isAbsolute(inLesson)) return undefined
  if (!existsSync(source) || !statSync(source).isFile()) return undefined
  return { source, target: [MEDIA_FOLDER, ...inLesson.split(path.sep)].join('/') }
}

/** `?v=2` or `#part` of an address, kept after it is rewritten. */
function suffixOf(url: string): string {
  return /[?#].*$/.exec(url)?.[0] ?? ''
}
