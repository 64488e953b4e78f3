// Turn a lesson folder into one plan per locale. A folder is one of three kinds:
// - a Katacoda/Killercoda scenario: index.json names its pages and scripts;
// - shellbook's own: `<locale>.md` files beside lesson.yaml;
// - loose Markdown: any `.md` files, read as one page.
// lesson.yaml is optional beside index.json and loose Markdown: what it leaves out (title,
// locale, images) is taken from the lesson itself.
import { lessonMedia } from './lesson-media.js'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { displayPath } from '../files/index.js'
import { error, excerpt, hasFatal } from '../messages.js'
import { parseLesson } from '../parse/index.js'
import { loadConfig } from './load-config.js'
import type { LessonConfig } from './lesson-config.js'
import { planLesson } from './plan-lesson.js'
import { pointOfText } from './point-of-text.js'
import { findCell } from './cell-reference.js'
import { readVFile } from './read-vfile.js'
import { attachScenarioNodes, loadLooseFolder, loadScenario, type LoadedScenario } from './scenario/index.js'
import { inferImages } from './infer-images.js'
import { checkTranslations, sourcePlan } from './translations.js'
import type { LessonPlan } from './types.js'

import { scanLessonsFolder } from './scan-lessons.js'

export { scanLessonsFolder, type LessonFolder, type LessonsFolder } from './scan-lessons.js'

/** A lesson folder: its config file, and one plan per locale file that parsed. */
export interface LoadedLesson {
  slug: string
  dir: string
  /** lesson.yaml; an empty file of that name when the folder has none. */
  configFile: VFile
  config?: LessonConfig
  /** Every file read (lesson.yaml first), each carrying its messages; a scenario's pages are one composite file per locale. */
  files: VFile[]
  plans: LessonPlan[]
  /** The images were read off the commands (no `images` in lesson.yaml): one that cannot be had is a warning, not a stop. */
  imagesInferred?: boolean
}

const localeFile = /^([a-z]{2,3}(?:-[A-Za-z]{2,4})?)\.md$/

/** Slugs of every lesson of `lessonsDir`, sorted. */
export async function findLessonSlugs(lessonsDir: string): Promise<string[]> {
  return (await scanLessonsFolder(lessonsDir)).slugs
}

/** Read one lesson folder (default `lessonsDir/slug`); problems stay on the files. */
export async function loadLesson(lessonsDir: string, slug: string, dir = path.join(lessonsDir, slug)): Promise<LoadedLesson> {
  const names = await readdir(dir)
  const hasConfig = names.includes('lesson.yaml')
  const configFile = hasConfig ? await readVFile(path.join(dir, 'lesson.yaml')) : new VFile({ path: displayPath(path.join(dir, 'lesson.yaml')), value: '' })
  // With no lesson.yaml the empty one is still listed: it is only reported when a message lands on it.
  const lesson: LoadedLesson = { slug, dir, configFile, files: [configFile], plans: [] }
  const config = hasFatal([configFile]) ? undefined : loadConfig(configFile)
  const sources = await localeSources(lesson, names, config)
  if (!config || !sources) return lesson
  lesson.config = config
  for (const { locale, file } of sources.files) {
    if (hasFatal([file])) continue
    const tree = await parseLesson(file)
    attachScenarioNodes(tree, file)
    // index.json's description is in the scenario's own language.
    const description = locale === sources.files[0]?.locale ? sources.description : undefined
    const plan = planLesson({ slug, locale, file, tree, config, configFile, defaultTitle: sources.title, description })
    const media = lessonMedia(tree, file, dir)
    if (media.length > 0) plan.media = media
    lesson.plans.push(plan)
  }
  if (!configFile.data.givenKeys?.includes('images')) {
    config.images = neededImages(lesson, sources.assetFiles)
    lesson.imagesInferred = true
  }
  checkWaits(lesson, config)
  checkClaimKeys(lesson, config)
  checkTranslations(lesson)
  return lesson
}

/** With no `images` in lesson.yaml: those the source locale's commands run, and its assets' Dockerfiles name. */
function neededImages(lesson: LoadedLesson, assetFiles: LocaleSources['assetFiles']): string[] {
  const source = sourcePlan(lesson)
  const commands = (source?.cells ?? []).filter((cell) => !cell.options.norun).map((cell) => cell.command)
  return inferImages(commands, assetFiles ?? []).map((found) => found.image)
}

interface LocaleSources {
  files: Array<{ locale: string; file: VFile }>
  /** index.json's title, for locales lesson.yaml gives none. */
  title?: string | undefined
  description?: string | undefined
  assetFiles?: LoadedScenario['assetFiles']
}

/** The Markdown of each locale, by the kind of folder; files read are added to the lesson. */
async function localeSources(lesson: LoadedLesson, names: readonly string[], config: LessonConfig | undefined): Promise<LocaleSources | undefined> {
  const { dir, configFile } = lesson
  if (names.includes('index.json')) {
    const indexFile = await readVFile(path.join(dir, 'index.json'))
    lesson.files.push(indexFile)
    if (hasFatal([indexFile])) return undefined
    const scenario = await loadScenario(dir, indexFile, config?.source)
    return scenario && fromComposites(lesson, scenario)
  }
  const locales = names.map((name) => localeFile.exec(name)?.[1]).filter((l): l is string => l !== undefined).sort()
  if (locales.length > 0) {
    const files = await Promise.all(locales.map(async (locale) => ({ locale, file: await readVFile(path.join(dir, `${locale}.md`)) })))
    lesson.files.push(...files.map((entry) => entry.file))
    return { files }
  }
  const loose = await loadLooseFolder(dir, config?.source)
  if (loose) return fromComposites(lesson, loose)
  error(configFile, 'Unexpected lesson with no locale file, expected one such as `fr.md` or `en.md` beside lesson.yaml', { line: 1, column: 1 }, 'no-locale')
  return undefined
}

/** Composites are what the stages read; the real files are reported (messages are copied onto them, see relocateMessages). */
function fromComposites(lesson: LoadedLesson, loaded: LoadedScenario): LocaleSources {
  const files = [...loaded.composites].map(([locale, file]) => ({ locale, file }))
  lesson.files.push(...files.map((entry) => entry.file))
  // The real files carry messages of their own (a missing translation), reported with the composites' copies.
  for (const file of loaded.files) if (file.messages.length > 0 && !lesson.files.includes(file)) lesson.files.push(file)
  return { files, title: loaded.title, description: loaded.description, assetFiles: loaded.assetFiles }
}

/** Every `waits` key must be a command of the lesson, or the wait would silently never happen. */
function checkWaits(lesson: LoadedLesson, config: LessonConfig): void {
  const commands = new Set(lesson.plans.flatMap((plan) => plan.cells.map((cell) => cell.command)))
  for (const command of Object.keys(config.waits)) {
    if (commands.has(command)) continue
    error(lesson.configFile, `Unexpected \`waits\` entry for \`${excerpt(command)}\`, expected a command the lesson runs, written as in the lesson`, pointOfText(lesson.configFile, command), 'unknown-wait')
  }
}

/** Every `claims` key must name a cell, or the claim would silently never be checked. */
function checkClaimKeys(lesson: LoadedLesson, config: LessonConfig): void {
  for (const reference of Object.keys(config.claims)) {
    if (lesson.plans.some((plan) => findCell(plan.cells, reference))) continue
    error(lesson.configFile, `Unexpected \`claims\` entry for \`${excerpt(reference)}\`, expected a cell's \`name=\` or a command the lesson runs, written as in the lesson`, pointOfText(lesson.configFile, reference), 'unknown-cell')
  }
}

/** True when any file of the lesson has a fatal message. */
export function hasErrors(lesson: LoadedLesson): boolean {
  return hasFatal(lesson.files)
}
