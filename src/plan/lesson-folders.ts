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
  const file = new VFile({ path: displayPath(path.join(lessonsDir, slug)) })
  const expected = known.length > 0 ? `one of ${known.map((name) => `\`${name}\``).join(', ')}` : 'a folder holding lesson.yaml'
  error(file, `Unexpected lesson \`${excerpt(slug, 60)}\`, expected ${expected}`, undefined, 'unknown-lesson')
  return file
}
