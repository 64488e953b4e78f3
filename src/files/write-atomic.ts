// Write a file so that readers see the old content or the new one, never half of it:
// write a temporary file in the same folder (same filesystem), rename it over. A file that
// cannot be made again (captures, an author's Markdown) is also flushed to disk first, so a
// crash cannot leave it empty; pages and indexes are made again by the next build, and the
// flush would be most of their cost (a few ms each).
import { randomUUID } from 'node:crypto'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export interface WriteOptions {
  /** Flush to disk before the rename; default true. */
  durable?: boolean | undefined
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const dir = dirname(path)
  await mkdir(dir, { recursive: true })
  const temporary = join(dir, `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`)
  try {
    const handle = await open(temporary, 'w')
    try {
      await handle.writeFile(data)
      if (options.durable !== false) await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/**
 * The same, done at once and never flushed: for the many small files of a site. A page written
 * through the thread pool costs 3–5× the CPU of a synchronous write (open, write, close and
 * rename are each a round trip and a promise), and the pages are the build's own work anyway.
 */
export function writePageFile(path: string, data: string | Uint8Array): void {
  const dir = dirname(path)
  if (!madeFolders.has(dir)) {
    mkdirSync(dir, { recursive: true })
    madeFolders.add(dir)
  }
  const temporary = join(dir, `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`)
  try {
    writeTemporary(temporary, data, dir)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

// Folders this process made or found: a site writes hundreds of files into a few folders, and
// `mkdir -p` of one that exists was as costly as writing the page.
const madeFolders = new Set<string>()

/** Write the temporary file; a folder removed since it was made (by `clean`, by hand) is made again. */
function writeTemporary(temporary: string, data: string | Uint8Array, dir: string): void {
  try {
    writeFileSync(temporary, data)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    mkdirSync(dir, { recursive: true })
    writeFileSync(temporary, data)
  }
}
