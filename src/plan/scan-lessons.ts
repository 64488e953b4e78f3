// Which folders of the lessons folder are lessons: one holding index.json (a Katacoda or
// Killercoda scenario), lesson.yaml, or Markdown. A folder holding none of them but scenario
// folders (a course of several scenarios) is looked into, so a repository of scenarios can be
// pointed at as it is; the lessons folder may itself be one scenario.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { displayPath } from '../files/index.js'
import { error, excerpt } from '../messages.js'
import { unreadable } from './read-vfile.js'

/** A lesson on disk: its slug (URL segment, captures key) and its folder. */
export interface LessonFolder {
  slug: string
  dir: string
}

/** What a lessons folder holds: its lessons, and messages about folders that cannot be. */
export interface LessonsFolder {
  /** Slugs of the lessons, sorted. */
  slugs: string[]
  lessons: LessonFolder[]
  files: VFile[]
}

/** A lesson folder's name becomes a URL segment and a file name: plain characters only. */
const slugPattern = /^[A-Za-z0-9][\w.-]*$/

/** Course folders looked into, at most this deep. */
const MAX_DEPTH = 3

/** Read the lessons folder once. */
export async function scanLessonsFolder(lessonsDir: string): Promise<LessonsFolder> {
  const folder: LessonsFolder = { slugs: [], lessons: [], files: [] }
  const top = await readdir(lessonsDir).catch(() => [] as string[])
  if (top.includes('index.json')) {
    // Pointed at one scenario.
    addLesson(folder, path.basename(path.resolve(lessonsDir)), path.resolve(lessonsDir))
  } else {
    await scan(folder, lessonsDir, '', 0)
  }
  folder.lessons.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  folder.slugs = folder.lessons.map((lesson) => lesson.slug)
  return folder
}

async function scan(folder: LessonsFolder, dir: string, prefix: string, depth: number): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true })
  for (const entry of entries) {
    // Hidden folders (`.git`, `.vscode`) are never lessons; `assets` belong to their scenario.
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue
    const child = path.join(dir, entry.name)
    const names = await readdir(child).catch(() => undefined)
    if (names === undefined) {
      folder.files.push(unreadable(child, 'folder'))
      continue
    }
    const slug = prefix + entry.name
    if (names.includes('index.json') || names.includes('lesson.yaml')) {
      addLesson(folder, slug, child)
    } else if (depth < MAX_DEPTH && (await holdsScenarios(child, names))) {
      await scan(folder, child, `${slug}-`, depth + 1)
    } else if (names.some((name) => name.endsWith('.md'))) {
      addLesson(folder, slug, child)
    }
  }
}

/** A course folder: some sub-folder is a scenario. */
async function holdsScenarios(dir: string, names: readonly string[]): Promise<boolean> {
  for (const name of names) {
    if (name.startsWith('.')) continue
    const inner = await readdir(path.join(dir, name)).catch(() => undefined)
    if (inner?.includes('index.json')) return true
  }
  return false
}

function addLesson(folder: LessonsFolder, slug: string, dir: string): void {
  if (!slugPattern.test(slug) || slug.includes('..')) {
    const file = new VFile({ path: displayPath(dir) })
    error(file, `Unexpected lesson folder name \`${excerpt(slug, 40)}\`, expected letters, digits, \`-\`, \`_\` or \`.\` (it becomes the lesson's URL); the folder is not built`, undefined, 'invalid-slug')
    folder.files.push(file)
    return
  }
  folder.lessons.push({ slug, dir })
}
