// Messages about the lessons folder itself, shared by `build` and `check`: a missing folder,
// a slug on the command line with no lesson.
import path from 'node:path'
import { VFile } from 'vfile'
import { error, excerpt } from '../messages.js'
import { displayPath } from '../files/index.js'

export function missingLessonsFolder(lessonsDir: string): VFile {
  const file = new VFile({ path: displayPath(lessonsDir) })
  error(file, 'Unexpected missing lessons folder, expected a folder of `<slug>/lesson.yaml` and `<slug>/<locale>.md` (see --lessons)', undefined, 'no-lessons')
  return file
}

/** A slug with no lesson folder: a message of its own, naming the lessons there are. */
export function unknownLesson(slug: string, known: readonly string[], lessonsDir: string): VFile {
  // A path is shown where it points; a bare name, where that lesson would be.
  const where = slug.includes('/') || slug.includes(path.sep) ? path.resolve(slug) : path.join(lessonsDir, slug)
  const file = new VFile({ path: displayPath(where) })
  const expected = known.length > 0 ? `one of ${known.map((name) => `\`${name}\``).join(', ')}` : 'a folder holding lesson.yaml'
  error(file, `Unexpected lesson \`${excerpt(slug, 60)}\`, expected ${expected}`, undefined, 'unknown-lesson')
  return file
}

/**
 * The slug a command-line argument names: a slug as it is, or a path to a lesson folder or a file
 * in it, as a shell's completion gives (`lessons/intro/`, `lessons/intro/step1.md`). An argument
 * that names no lesson is returned unchanged, to be reported as unknown.
 */
export function slugOfArgument(argument: string, lessons: readonly { slug: string; dir: string }[]): string {
  if (lessons.some((lesson) => lesson.slug === argument)) return argument
  const target = path.resolve(argument)
  let best: { slug: string; dir: string } | undefined
  for (const lesson of lessons) {
    const dir = path.resolve(lesson.dir)
    const inside = target === dir || target.startsWith(dir + path.sep)
    if (inside && (best === undefined || dir.length > best.dir.length)) best = { slug: lesson.slug, dir }
  }
  return best?.slug ?? argument
}
