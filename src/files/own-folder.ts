// Folders shellbook ships (templates/, images/): a project that has its own copy in the working
// directory uses it; any other project gets shellbook's, so `shellbook build` works in a folder
// that holds nothing but lessons/.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** `name` in the working directory if it exists there, else shellbook's own `name` folder. */
export function projectOrOwnFolder(name: string): string {
  const local = path.resolve(name)
  return existsSync(local) ? local : (ownFolder(name) ?? local)
}

/**
 * shellbook's own `name` folder, in its package root. This code runs from dist/files/,
 * dist/bundle/ or dist-bench/src/files/: the root is the first folder above that holds
 * shellbook's package.json.
 */
export function ownFolder(name: string): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let up = 0; up < 4; up++, dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, name))) return path.join(dir, name)
  }
  return undefined
}
