// An input is a lessons folder held in memory (path → entry), written to disk only to be checked,
// so mutators can also make what a text editor cannot: directories, symlinks, unreadable files.
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'

export type Entry =
  | { kind: 'file'; data: string | Uint8Array; mode?: number }
  | { kind: 'dir' }
  | { kind: 'symlink'; target: string }

/** Paths are relative to the lessons folder and use `/`: `processes/fr.md`, `empty/` for a folder. */
export type Folder = Map<string, Entry>

export function file(data: string | Uint8Array): Entry {
  return { kind: 'file', data }
}

export function cloneFolder(folder: Folder): Folder {
  return new Map([...folder].map(([name, entry]) => [name, { ...entry }]))
}

/** Text of a file entry (bytes decoded as the checker will decode them). */
export function textOf(entry: Entry): string | undefined {
  if (entry.kind !== 'file') return undefined
  return typeof entry.data === 'string' ? entry.data : Buffer.from(entry.data).toString('utf8')
}

export function bytesOf(entry: Entry): Uint8Array | undefined {
  if (entry.kind !== 'file') return undefined
  return typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data
}

/** Paths of regular files whose name matches `pattern`, sorted so a seed picks the same one every time. */
export function filesMatching(folder: Folder, pattern: RegExp): string[] {
  return [...folder].filter(([name, entry]) => entry.kind === 'file' && pattern.test(name)).map(([name]) => name).sort()
}

/** Lesson folders: names with something under them (a top-level file or link such as `README.md` is none). */
export function slugsOf(folder: Folder): string[] {
  return [...new Set([...folder.keys()].filter((name) => name.includes('/')).map((name) => name.split('/')[0] ?? ''))].filter((slug) => slug !== '').sort()
}

/** Write `folder` under `lessonsDir`: folders first, then files and links, then modes (a chmod 000 last). */
export async function writeFolder(folder: Folder, lessonsDir: string): Promise<void> {
  await mkdir(lessonsDir, { recursive: true })
  const entries = [...folder].sort(([a], [b]) => a.localeCompare(b))
  for (const [name, entry] of entries) {
    const target = path.join(lessonsDir, name)
    await mkdir(entry.kind === 'dir' ? target : path.dirname(target), { recursive: true })
  }
  for (const [name, entry] of entries) {
    const target = path.join(lessonsDir, name)
    if (entry.kind === 'file') await writeFile(target, entry.data)
    if (entry.kind === 'symlink') await symlink(entry.target, target)
  }
  for (const [name, entry] of entries) {
    if (entry.kind === 'file' && entry.mode !== undefined) await chmod(path.join(lessonsDir, name), entry.mode)
  }
}
