// Folders shellbook ships (templates/, images/): a project that has its own copy in the working
// directory uses it; any other project gets shellbook's, so `shellbook build` works in a folder
// that holds nothing but lessons/.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** `name` in the working directory if it exists there, else shellbook's own `name` folder. */
export function projectOrOwnFolder(name: string): string {
  const local = path.resolve(name)
  if (existsSync(local)) return local
  // This module compiles to dist/files/ (or dist-bench/src/files/): the package root is above.
  for (const up of ['../..', '../../..']) {
    const own = fileURLToPath(new URL(`${up}/${name}`, import.meta.url))
    if (existsSync(own)) return own
  }
  return local
}
