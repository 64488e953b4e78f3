// Reading a lesson file into a VFile; one that cannot be read is empty and carries an error.
// Read synchronously: a build reads hundreds of small files, and a read through the thread pool
// costs several times the CPU of a direct one (see writePageFile).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { displayPath } from '../files/index.js'
import { error } from '../messages.js'

/** A lesson file; one that cannot be read (a folder, a broken or looping link) is empty and carries an error. */
export async function readVFile(filePath: string): Promise<VFile> {
  try {
    return new VFile({ path: displayPath(filePath), value: readFileSync(filePath, 'utf8') })
  } catch (problem) {
    const code = (problem as NodeJS.ErrnoException).code
    if (code === undefined) throw problem
    return unreadable(filePath, 'file', code)
  }
}

/** Why a path could not be read, in words. */
const readProblems: Record<string, string> = {
  EISDIR: 'a folder',
  ENOENT: 'a link to nothing',
  ELOOP: 'a link that loops',
  EACCES: 'not readable (permission denied)',
  EPERM: 'not readable (operation not permitted)',
  ENOTDIR: 'under something that is not a folder',
}

export function unreadable(filePath: string, expected: 'file' | 'folder', code?: string): VFile {
  const file = new VFile({ path: displayPath(filePath) })
  const what = (code !== undefined && readProblems[code]) || `unreadable${code === undefined ? '' : ` (${code})`}`
  error(file, `Unexpected ${path.basename(filePath)} that is ${what}, expected a readable ${expected}`, { line: 1, column: 1 }, 'unreadable-file')
  return file
}
