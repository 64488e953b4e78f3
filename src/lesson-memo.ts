// A build with nothing changed should cost next to nothing. A lesson whose folder is as it was
// when an earlier build found it frozen and sound (no error) is not read, planned or rendered
// again: its messages, report entries and place in the navigation are taken from
// `<out>/.shellbook-lessons.json`, and its pages stay as that build wrote them. The folder is
// compared by its files' names, sizes and times; shellbook's code, the templates and the
// build's settings are part of the comparison, so any of them changing reads everything again.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Point, Position } from 'unist'
import { VFile } from 'vfile'
import { writeFileAtomic } from './files/index.js'
import type { ListedPage } from './render/index.js'
import type { ReportLesson } from './report.js'

/** What a reused lesson gives a build in place of being read. */
export interface MemoEntry {
  dir: string
  /** Digest of the folder's files and the build's settings, taken before the lesson was read. */
  inputs: string
  /** Its files as reported (a scenario's real files), with their messages; then its captures.json. */
  files: SavedFile[]
  captures: SavedFile
  listed: ListedPage[]
  report: ReportLesson[]
  /** Its executions, as the progress line of a frozen lesson names them. */
  frozen: Array<{ locales: string[]; capturedAt: string }>
}

interface SavedFile {
  path: string
  messages: Array<{ reason: string; place?: Point | Position | undefined; ruleId?: string | undefined; source?: string | undefined; fatal?: boolean | null | undefined; note?: string | undefined }>
}

export interface LessonMemo {
  /** What the lists showed after the last build (see reuse-lessons.ts `listing`); undefined at first. */
  listing: string | undefined
  /** Digest of each lesson folder with the build's settings; absent for a folder too big to compare. */
  inputsOf(dir: string): Promise<string | undefined>
  /** The entry of `slug` when `inputs` are those it was recorded with and its pages are on disk. */
  reusable(slug: string, inputs: string | undefined, pages: (listed: ListedPage) => string[]): MemoEntry | undefined
  record(slug: string, entry: MemoEntry): void
  /** Keep the entries of these slugs only (lessons that are gone are forgotten) and write the file, with what the lists show now. */
  save(slugs: readonly string[], listing: string): Promise<void>
}

const memoFile = '.shellbook-lessons.json'
/** Files compared at most per lesson; a bigger folder is read every time. */
const MAX_FILES = 5_000

/** `settings`: everything besides the folder that the lesson's outputs depend on (code, templates, address, limits). */
export async function openLessonMemo(outDir: string, settings: string): Promise<LessonMemo> {
  const file = path.join(outDir, memoFile)
  const stored = await readFile(file, 'utf8').then((text) => JSON.parse(text) as unknown).catch(() => undefined) // missing or cut short: start afresh
  const valid = isMemo(stored) && stored.settings === settings
  const before: Record<string, MemoEntry> = valid ? stored.lessons : {}
  const after: Record<string, MemoEntry> = { ...before }
  return {
    listing: valid ? stored.listing : undefined,
    async inputsOf(dir) {
      const files = await folderListing(dir)
      return files === undefined ? undefined : createHash('sha256').update(settings).update(dir).update(files).digest('base64url')
    },
    reusable(slug, inputs, pages) {
      const entry = before[slug]
      if (!entry || inputs === undefined || entry.inputs !== inputs) return undefined
      return entry.listed.every((listed) => pages(listed).every((page) => existsSync(page))) ? entry : undefined
    },
    record(slug, entry) {
      after[slug] = entry
    },
    async save(slugs, listing) {
      const lessons = Object.fromEntries(slugs.flatMap((slug) => (after[slug] ? [[slug, after[slug]]] : [])))
      await writeFileAtomic(file, JSON.stringify({ settings, listing, lessons }) + '\n', { durable: false })
    },
  }
}

/** Every file under `dir` with its size and times, sorted; the build's own files left out. */
async function folderListing(dir: string): Promise<string | undefined> {
  const names = (await readdir(dir, { recursive: true }).catch(() => undefined))?.map(String).sort()
  if (!names || names.length > MAX_FILES) return undefined
  const lines = await Promise.all(
    names
      .filter((name) => !/(^|\/)(\.shellbook\.lock|\.[^/]*\.tmp)$/.test(name))
      .map(async (name) => {
        const info = await stat(path.join(dir, name)).catch(() => undefined)
        return info?.isFile() ? `${name}\0${info.size}\0${info.mtimeMs}\0${info.ctimeMs}\n` : `${name}\0\n`
      }),
  )
  return lines.join('')
}

function isMemo(value: unknown): value is { settings: string; listing: string; lessons: Record<string, MemoEntry> } {
  return typeof value === 'object' && value !== null && 'settings' in value && 'listing' in value && typeof value.listing === 'string' && 'lessons' in value && typeof value.lessons === 'object' && value.lessons !== null
}

/** A file's messages as JSON. */
export function savedFile(file: VFile): SavedFile {
  return {
    path: file.path,
    messages: file.messages.map((message) => ({
      reason: message.reason,
      place: message.place ?? undefined,
      ruleId: message.ruleId ?? undefined,
      source: message.source ?? undefined,
      fatal: message.fatal,
      note: message.note,
    })),
  }
}

/** The file again, with the same messages (what the reporter prints is the same). */
export function restoredFile(saved: SavedFile): VFile {
  const file = new VFile({ path: saved.path })
  for (const { reason, place, ruleId, source, fatal, note } of saved.messages) {
    const message = file.message(reason, { place, ruleId, source })
    message.fatal = fatal
    if (note !== undefined) message.note = note
  }
  return file
}
