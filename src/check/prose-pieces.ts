// The prose of a lesson, cut into pieces small enough that one language can be told
// for each: sentences and lines of paragraphs, headings and table cells. Code is never
// prose: inline code, exec cells, `:val[…]`, HTML and images end a run of text, and code
// blocks are not looked at. Each piece keeps its place in the Markdown file.
import type { Heading, Paragraph, PhrasingContent, Root, TableCell } from 'mdast'
import type { Point, Position } from 'unist'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'

/** A piece of prose: one sentence or line, or a short one merged with its neighbour. */
export interface ProsePiece {
  text: string
  position: Position
  /** True when the piece is all the prose of its heading, paragraph or cell (a title, a label). */
  whole: boolean
  /** Ordinal of its heading, paragraph or cell in the lesson. */
  block: number
}

/** Characters of a run of text, each with its offset in the source (-1 when unknown). */
interface Run {
  text: string
  offsets: number[]
}

type ProseBlock = Heading | Paragraph | TableCell

/** Phrasing nodes whose text is prose of the same run: *emphasis*, **strong**, ~~delete~~, [links]. */
const wrappers = new Set<PhrasingContent['type']>(['emphasis', 'strong', 'delete', 'link', 'linkReference'])

/** Pieces under this many words are merged into their neighbour in the same run of text. */
export const MIN_PIECE_WORDS = 4

/** Every piece of prose of the lesson, in document order. */
export function prosePieces(tree: Root, file: VFile): ProsePiece[] {
  const source = String(file.value)
  const place = location(file)
  const locate = (offset: number): Point => place.toPoint(offset) ?? { line: 1, column: 1 }
  const pieces: ProsePiece[] = []
  let block = 0
  visit(tree, (node) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return
    const spans = textRuns(node as ProseBlock, source).flatMap((run) => mergeShort(run.text, splitRun(run)).map((span) => ({ run, span })))
    for (const { run, span } of spans) {
      const position = spanPosition(run, span, locate)
      if (position) pieces.push({ text: run.text.slice(span.start, span.end), position, whole: spans.length === 1, block })
    }
    block++
    return SKIP
  })
  return pieces
}

/** Count words: runs of two or more letters, and each Han character (one morpheme each). */
export function wordCount(text: string): number {
  return (text.match(/\p{Script=Han}|[\p{L}\p{M}'’-]{2,}/gu) ?? []).length
}

/** Split a block's phrasing content into runs of text; code and other non-prose end a run. */
function textRuns(block: ProseBlock, source: string): Run[] {
  const runs: Run[] = []
  let current: Run = { text: '', offsets: [] }
  const flush = () => {
    if (current.text.trim() !== '') runs.push(current)
    current = { text: '', offsets: [] }
  }
  const walk = (children: PhrasingContent[]) => {
    for (const child of children) {
      if (child.type === 'text') append(current, child.value, child.position?.start.offset, child.position?.end.offset, source)
      else if (child.type === 'break') append(current, '\n', undefined, undefined, source)
      else if (wrappers.has(child.type) && 'children' in child) walk(child.children)
      else flush()
    }
  }
  walk(block.children)
  flush()
  return runs
}

/** Add a text node's value to a run, finding each character's offset in the source. */
function append(run: Run, value: string, start: number | undefined, end: number | undefined, source: string): void {
  // Most text nodes are their source exactly: every offset follows from the start.
  if (start !== undefined && end !== undefined && end - start === value.length && source.startsWith(value, start)) {
    run.text += value
    for (let index = 0; index < value.length; index++) run.offsets.push(start + index)
    return
  }
  let at = start ?? -1
  for (const char of value) {
    // The value can differ from the source (escapes, entities, indentation of continued
    // lines were removed): skip source characters until this one is found.
    if (at >= 0 && end !== undefined) {
      let probe = at
      while (probe < end && !source.startsWith(char, probe)) probe++
      if (probe < end) at = probe
    }
    run.text += char
    for (let index = 0; index < char.length; index++) run.offsets.push(at < 0 ? -1 : at + index)
    if (at >= 0) at += char.length
  }
}

interface Span {
  start: number
  end: number
}

/** Cut a run after sentence punctuation and at line ends; trim each span. */
function splitRun(run: Run): Span[] {
  const spans: Span[] = []
  const boundary = /[.!?;](?=\s)|[。！？；]|\n/g
  let start = 0
  for (const match of run.text.matchAll(boundary)) {
    const end = match.index + match[0].length
    pushTrimmed(spans, run.text, start, end)
    start = end
  }
  pushTrimmed(spans, run.text, start, run.text.length)
  return spans
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /\s/.test(text[end - 1]!)) end--
  if (end > start) spans.push({ start, end })
}

/**
 * Too few words cannot be told apart ("Likely to be"), so a short span joins the span
 * before it in the run, or the one after when it comes first.
 */
function mergeShort(text: string, spans: Span[]): Span[] {
  const short = (span: Span) => wordCount(text.slice(span.start, span.end)) < MIN_PIECE_WORDS
  const merged: Span[] = []
  for (const span of spans) {
    const previous = merged.at(-1)
    if (previous && (short(span) || short(previous))) previous.end = span.end
    else merged.push({ ...span })
  }
  return merged
}

/** From the first to the last character of the span whose place in the source is known. */
function spanPosition(run: Run, span: Span, locate: (offset: number) => Point): Position | undefined {
  const offsets = run.offsets.slice(span.start, span.end).filter((offset) => offset >= 0)
  const first = offsets[0]
  const last = offsets.at(-1)
  if (first === undefined || last === undefined) return undefined
  return { start: locate(first), end: locate(last + 1) }
}
