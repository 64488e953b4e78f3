// Files a scenario names: `text`, scripts and answers, relative to the scenario folder, with or
// without a leading `/` (both forms are common), and their translations beside them
// (`step1.md` → `step1.fr.md`), as shellbook's own lessons keep one file per locale.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { displayPath } from '../../files/index.js'

/** The absolute path `name` refers to inside `dir`; undefined when it would leave the folder. */
export function scenarioPath(dir: string, name: string): string | undefined {
  const relative = name.replace(/^\/+/, '')
  const resolved = path.resolve(dir, relative)
  const inside = path.relative(dir, resolved)
  return inside === '' || inside.startsWith('..') || path.isAbsolute(inside) ? undefined : resolved
}

/** `step1.md` in locale `fr` → `step1.fr.md`. */
export function translatedName(filePath: string, locale: string): string {
  const extension = path.extname(filePath)
  return `${filePath.slice(0, filePath.length - extension.length)}.${locale}${extension}`
}

/** Locale suffixes a file name can carry: `intro.fr.md`, `step1.zh-CN.md`. */
export const translationSuffix = /\.([a-z]{2,3}(?:-[A-Za-z]{2,4})?)\.md$/

/** A file as a VFile (path as messages show it), or undefined when it cannot be read. */
export async function readIfPresent(filePath: string): Promise<VFile | undefined> {
  try {
    return new VFile({ path: displayPath(filePath), value: readFileSync(filePath, 'utf8') })
  } catch (problem) {
    if ((problem as NodeJS.ErrnoException).code === undefined) throw problem
    return undefined
  }
}
