// Messages about the lessons folder itself, shared by `build` and `check`: a missing folder,
// a slug on the command line with no lesson.
import path from 'node:path'
import { VFile } from 'vfile'

export function missingLessonsFolder(lessonsDir: string): VFile {
  const file = new VFile({ path: path.relative(process.cwd(), lessonsDir) || lessonsDir })
  file.message('Unexpected missing lessons folder, expected a folder of `<slug>/lesson.yaml` and `<slug>/<locale>.md` (see --lessons)', {
    ruleId: 'no-lessons', source: 'shellbook',
  }).fatal = true
  return file
}

/** A slug with no lesson folder: a message of its own, naming the lessons there are. */
export function unknownLesson(slug: string, known: readonly string[], lessonsDir: string): VFile {
  const file = new VFile({ path: path.relative(process.cwd(), path.join(lessonsDir, slug)) })
  const expected = known.length > 0 ? `one of ${known.map((name) => `\`${name}\``).join(', ')}` : 'a folder holding lesson.yaml'
  file.message(`Unexpected lesson \`${slug}\`, expected ${expected}`, { ruleId: 'unknown-lesson', source: 'shellbook' }).fatal = true
  return file
}
