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
import { error, excerpt, hasFatal } from '../messages.js'

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

const localeFile = /^([a-z]{2,3}(?:-[A-Za-z]{2,4})?)\.md$/

/** Slugs of every folder of `lessonsDir` that holds a lesson.yaml, sorted. */
export async function findLessonSlugs(lessonsDir: string): Promise<string[]> {
  const entries = await readdir(lessonsDir, { withFileTypes: true })
  const slugs: string[] = []
  for (const entry of entries) {
    if (!entry.isDirectory()) continue
    const names = await readdir(path.join(lessonsDir, entry.name))
    if (names.includes('lesson.yaml')) slugs.push(entry.name)
  }
  return slugs.sort()
}

/** Read lesson.yaml and every `<locale>.md` of one lesson; problems stay on the files. */
export async function loadLesson(lessonsDir: string, slug: string): Promise<LoadedLesson> {
  const dir = path.join(lessonsDir, slug)
  const configFile = await readVFile(path.join(dir, 'lesson.yaml'))
  const lesson: LoadedLesson = { slug, dir, configFile, files: [configFile], plans: [] }
  const config = loadConfig(configFile)
  const locales = (await readdir(dir)).map((name) => localeFile.exec(name)?.[1]).filter((l): l is string => l !== undefined).sort()
  if (locales.length === 0) {
    error(configFile, 'Unexpected lesson with no locale file, expected one such as `fr.md` or `en.md` beside lesson.yaml', { line: 1, column: 1 }, 'no-locale')
  }
  if (!config) return lesson
  lesson.config = config
  for (const locale of locales) {
    const file = await readVFile(path.join(dir, `${locale}.md`))
    lesson.files.push(file)
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

async function readVFile(filePath: string): Promise<VFile> {
  // Paths relative to the working directory read best in messages (lessons/x/fr.md:11:41).
  return new VFile({ path: path.relative(process.cwd(), filePath) || filePath, value: await readFile(filePath, 'utf8') })
}

/** True when any file of the lesson has a fatal message. */
export function hasErrors(lesson: LoadedLesson): boolean {
  return hasFatal(lesson.files)
}
