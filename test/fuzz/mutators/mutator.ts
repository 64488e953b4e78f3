// What a mutator is, and the small edits they share.
import { file, filesMatching, textOf, type Folder } from '../folder.js'
import type { Rng } from '../prng.js'

export interface Mutator {
  name: string
  /** How often it is picked, relative to the others. */
  weight: number
  /** Change `folder` in place; returns what it did (`deep-blockquote(6000) processes/fr.md`), or undefined when it does not apply. */
  apply(folder: Folder, rng: Rng): string | undefined
}

export const markdownFile = /\/[a-z]{2,3}(?:-[A-Za-z]{2,4})?\.md$/
export const yamlFile = /\/lesson\.yaml$/
export const capturesFile = /\/captures\.json$/

export function pickFile(folder: Folder, rng: Rng, pattern: RegExp): string | undefined {
  const names = filesMatching(folder, pattern)
  return names.length === 0 ? undefined : rng.pick(names)
}

export function setText(folder: Folder, name: string, text: string): void {
  folder.set(name, file(text))
}

export function getText(folder: Folder, name: string): string {
  const entry = folder.get(name)
  return entry ? textOf(entry) ?? '' : ''
}

/** Insert `piece` on a line of its own at a random line of `text`. */
export function insertLine(text: string, rng: Rng, piece: string): string {
  const lines = text.split('\n')
  lines.splice(rng.int(0, lines.length), 0, piece)
  return lines.join('\n')
}

/** Insert `piece` at a random character offset (never inside a surrogate pair, unless the text already has lone halves). */
export function insertAt(text: string, rng: Rng, piece: string): string {
  let at = rng.int(0, text.length)
  if (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at] ?? '') && /[\uD800-\uDBFF]/.test(text[at - 1] ?? '')) at -= 1
  return text.slice(0, at) + piece + text.slice(at)
}

/** Mostly small sizes, sometimes medium, rarely the big ones that broke parsers before. */
export function size(rng: Rng, small: number, medium: number, big: number): number {
  return rng.weighted([[10, small], [4, medium], [1, big]])
}

/** A mutator that edits the text of one file matching `pattern`. */
export function textMutator(name: string, weight: number, pattern: RegExp, edit: (text: string, rng: Rng) => [string, string]): Mutator {
  return {
    name,
    weight,
    apply(folder, rng) {
      const target = pickFile(folder, rng, pattern)
      if (target === undefined) return undefined
      const [text, label] = edit(getText(folder, target), rng)
      setText(folder, target, text)
      return `${name}(${label}) ${target}`
    },
  }
}
