// How a path reads in messages: relative to the working folder when inside it
// (lessons/x/fr.md:11:41), absolute when outside it (never ../../tmp/…).
import path from 'node:path'

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  if (relative === '') return '.'
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative
}
