// Find lessons on disk and turn each locale's Markdown into a plan.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { parseLesson } from '../parse/index.js'
import { loadConfig } from './load-config.js'
import type { LessonConfig } from './lesson-config.js'
import { planLesson } from './plan-lesson.js'
import { pointOfText } from './point-of-text.js'
import { checkTranslations } from './translations.js'
import type { LessonPlan } from './types.js'
import { error, excerpt, hasFatal, warning } from '../messages.js'
import { displayPath } from '../files/index.js'

/** A lesson folder: its config file, and one plan per locale file that parsed. */
export interface LoadedLesson {
  slug: string
  dir: string
  configFile: VFile
  config?: LessonConfig
  /** Every file read (lesson.yaml first), each carrying its messages. */
  files: VFile[]
  plans: LessonPlan[]
}

/** A lesson folder's name becomes a URL segment and a file name: plain characters only. */
const slugPattern = /^[A-Za-z0-9][\w.-]*$/

const localeFile = /^([a-z]{2,3}(?:-[A-Za-z]{2,4})?)\.md$/

/** What a lessons folder holds: the slugs of its lessons, and messages about folders that are not lessons. */
export interface LessonsFolder {
  /** Folders holding a lesson.yaml, sorted. */
  slugs: string[]
  /** A warning per folder with Markdown but no lesson.yaml: nothing put in `lessons/` vanishes without a word. */
  files: VFile[]
}

/** Read the lessons folder once. */
export async function scanLessonsFolder(lessonsDir: string): Promise<LessonsFolder> {
  const entries = await readdir(lessonsDir, { withFileTypes: true })
  const folder: LessonsFolder = { slugs: [], files: [] }
  for (const entry of entries) {
    // Hidden folders (`.git`, `.vscode`) are never lessons.
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue
    const dir = path.join(lessonsDir, entry.name)
    const names = await readdir(dir).catch(() => undefined)
    const lessonLike = names !== undefined && (names.includes('lesson.yaml') || names.some((name) => name.endsWith('.md')))
    if (names === undefined) {
      folder.files.push(unreadable(dir, 'folder'))
    } else if (lessonLike && (!slugPattern.test(entry.name) || entry.name.includes('..'))) {
      const file = new VFile({ path: displayPath(dir) })
      error(file, `Unexpected lesson folder name \`${excerpt(entry.name, 40)}\`, expected letters, digits, \`-\`, \`_\` or \`.\` (it becomes the lesson's URL); the folder is not built`, undefined, 'invalid-slug')
      folder.files.push(file)
    } else if (names.includes('lesson.yaml')) {
      folder.slugs.push(entry.name)
    } else if (names.some((name) => name.endsWith('.md'))) {
      const file = new VFile({ path: displayPath(dir) })
      warning(file, 'Unexpected lesson folder with Markdown but no lesson.yaml, expected a lesson.yaml beside it (`title: {en: …}` at least); the folder is not built', undefined, 'no-lesson-config')
      folder.files.push(file)
    }
  }
  folder.slugs.sort()
  return folder
}

/** Slugs of every folder of `lessonsDir` that holds a lesson.yaml, sorted. */
export async function findLessonSlugs(lessonsDir: string): Promise<string[]> {
  return (await scanLessonsFolder(lessonsDir)).slugs
}

/** Read lesson.yaml and every `<locale>.md` of one lesson; problems stay on the files. */
export async function loadLesson(lessonsDir: string, slug: string): Promise<LoadedLesson> {
  const dir = path.join(lessonsDir, slug)
  const configFile = await readVFile(path.join(dir, 'lesson.yaml'))
  const lesson: LoadedLesson = { slug, dir, configFile, files: [configFile], plans: [] }
  const config = hasFatal([configFile]) ? undefined : loadConfig(configFile)
  const locales = (await readdir(dir)).map((name) => localeFile.exec(name)?.[1]).filter((l): l is string => l !== undefined).sort()
  if (locales.length === 0) {
    error(configFile, 'Unexpected lesson with no locale file, expected one such as `fr.md` or `en.md` beside lesson.yaml', { line: 1, column: 1 }, 'no-locale')
  }
  if (!config) return lesson
  lesson.config = config
  for (const locale of locales) {
    const file = await readVFile(path.join(dir, `${locale}.md`))
    lesson.files.push(file)
    if (hasFatal([file])) continue
    const tree = await parseLesson(file)
    lesson.plans.push(planLesson({ slug, locale, file, tree, config, configFile }))
  }
  checkWaits(lesson, config)
  checkTranslations(lesson)
  return lesson
}

/** Every `waits` key must be a command of the lesson, or the wait would silently never happen. */
function checkWaits(lesson: LoadedLesson, config: LessonConfig): void {
  const commands = new Set(lesson.plans.flatMap((plan) => plan.cells.map((cell) => cell.command)))
  for (const command of Object.keys(config.waits)) {
    if (commands.has(command)) continue
    error(lesson.configFile, `Unexpected \`waits\` entry for \`${excerpt(command)}\`, expected a command the lesson runs, written as in the lesson`, pointOfText(lesson.configFile, command), 'unknown-wait')
  }
}

/** A lesson file; one that cannot be read (a folder, a broken or looping link) is empty and carries an error. */
async function readVFile(filePath: string): Promise<VFile> {
  try {
    return new VFile({ path: displayPath(filePath), value: await readFile(filePath, 'utf8') })
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

function unreadable(filePath: string, expected: 'file' | 'folder', code?: string): VFile {
  const file = new VFile({ path: displayPath(filePath) })
  const what = (code !== undefined && readProblems[code]) || `unreadable${code === undefined ? '' : ` (${code})`}`
  error(file, `Unexpected ${path.basename(filePath)} that is ${what}, expected a readable ${expected}`, { line: 1, column: 1 }, 'unreadable-file')
  return file
}


/** True when any file of the lesson has a fatal message. */
export function hasErrors(lesson: LoadedLesson): boolean {
  return hasFatal(lesson.files)
}
