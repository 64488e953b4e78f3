// A lesson made of several Markdown files (a scenario's intro, steps and finish) is parsed as
// one document, so that cells, variables and sessions flow through it as through one page.
// The composite remembers where each of its lines came from; messages about it are copied
// back onto the real files before anyone sees them (relocateMessages).
import path from 'node:path'
import type { Point } from 'unist'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/** Lines of the composite taken from one real file, or written by shellbook (a step's title, a script's place). */
export interface Segment {
  /** 1-based line of the composite where the segment starts. */
  startLine: number
  lineCount: number
  /** The file messages about these lines belong to. */
  file: VFile
  /** For lines read from `file`: the line of `file` the segment starts at (1). For written lines: where in `file` they point (a key of index.json). */
  origin: Point
  /** Written by shellbook: every line of the segment points at `origin`. */
  written: boolean
}

declare module 'vfile' {
  interface DataMap {
    /** Set on a composite lesson file: where each of its lines came from. */
    segments: Segment[]
    /** How many of the composite's messages were already copied onto the real files. */
    relocatedMessages: number
  }
}

/** Builds the text of a composite, segment by segment. */
export class CompositeBuilder {
  readonly #lines: string[] = []
  readonly #segments: Segment[] = []

  /** The 1-based line the next appended line gets. */
  get nextLine(): number {
    return this.#lines.length + 1
  }

  /** Lines read from a real file (its whole text). */
  addFile(file: VFile): void {
    const lines = String(file.value).replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
    this.#push(lines, { file, origin: { line: 1, column: 1 }, written: false })
  }

  /** Lines shellbook writes (a heading, a script's placeholder); messages on them point at `origin` in `file`. */
  addWritten(lines: readonly string[], file: VFile, origin: Point): number {
    const start = this.nextLine
    this.#push(lines, { file, origin, written: true })
    return start
  }

  /** The composite file: its path is `path`, its value the joined lines. */
  build(path: string): VFile {
    const file = new VFile({ path, value: this.#lines.join('\n') + '\n' })
    file.data.segments = this.#segments
    return file
  }

  #push(lines: readonly string[], segment: Omit<Segment, 'startLine' | 'lineCount'>): void {
    if (lines.length === 0) return
    this.#segments.push({ ...segment, startLine: this.nextLine, lineCount: lines.length })
    this.#lines.push(...lines)
  }
}

/** Where composite `line` came from: a real file and line, or undefined outside every segment. */
export function originOf(composite: VFile, point: Point): { file: VFile; point: Point; written: boolean } | undefined {
  const segment = composite.data.segments?.find((entry) => point.line >= entry.startLine && point.line < entry.startLine + entry.lineCount)
  if (!segment) return undefined
  if (segment.written) return { file: segment.file, point: segment.origin, written: true }
  return { file: segment.file, point: { line: segment.origin.line + point.line - segment.startLine, column: point.column }, written: false }
}

/** `file:line:column` of a composite position, as a reader finds it (for messages that quote a place). */
export function describeOrigin(composite: VFile, point: Point, fallbackName: string): string {
  const origin = originOf(composite, point)
  if (!origin) return `${fallbackName}:${point.line}:${point.column}`
  // Relative to the scenario folder: steps are often all `text.md`, one folder each.
  const inFolder = origin.file.path ? path.relative(path.dirname(composite.path), origin.file.path) : ''
  const name = inFolder !== '' && !inFolder.startsWith('..') && !path.isAbsolute(inFolder) ? inFolder.split(path.sep).join('/') : (origin.file.basename ?? fallbackName)
  return `${name}:${origin.point.line}:${origin.point.column}`
}

/**
 * The files to report instead of `files`: each composite is replaced by the real files of its
 * segments, carrying copies of its messages at their real places. Other files pass as they are.
 */
export function relocateMessages(files: readonly VFile[]): VFile[] {
  const out: VFile[] = []
  const seen = new Set<VFile>()
  const add = (file: VFile) => {
    if (seen.has(file)) return
    seen.add(file)
    out.push(file)
  }
  for (const file of files) {
    const segments = file.data.segments
    if (!segments) {
      add(file)
      continue
    }
    for (const segment of segments) add(segment.file)
    // Relocating twice (build, then a caller) must not copy a message twice.
    for (const message of file.messages.slice(file.data.relocatedMessages ?? 0)) copyMessage(file, message, segments[0]?.file ?? file)
    file.data.relocatedMessages = file.messages.length
  }
  return out
}

function copyMessage(composite: VFile, message: VFileMessage, fallback: VFile): void {
  const start = message.place && 'start' in message.place ? message.place.start : message.place
  const end = message.place && 'end' in message.place ? message.place.end : undefined
  const origin = start ? originOf(composite, start) : undefined
  const target = origin?.file ?? fallback
  let place: Point | { start: Point; end: Point } | undefined = origin?.point
  const endOrigin = origin && !origin.written && end ? originOf(composite, end) : undefined
  if (origin && endOrigin && !endOrigin.written && endOrigin.file === origin.file) place = { start: origin.point, end: endOrigin.point }
  const copy = target.message(message.reason, { place, ruleId: message.ruleId ?? undefined, source: message.source ?? undefined })
  copy.fatal = message.fatal
  if (message.note) copy.note = message.note
  if (message.url) copy.url = message.url
}
