// Read and write lessons/<slug>/captures.json. Reading never throws on bad content: a
// corrupt or hand-broken file becomes a positioned message, so the build neither crashes
// nor silently re-executes. Writing is atomic, with a stable key order (diffable).
import { readFileSync } from 'node:fs'
import { lstat } from 'node:fs/promises'
import path from 'node:path'
import type { Point } from 'unist'
import { VFile } from 'vfile'
import { location } from 'vfile-location'
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { writeFileAtomic } from '../files/index.js'
import type { ChainLink } from '../plan/index.js'
import { capturesFormat, capturesSchema, type CapturesDocument, type FrozenCell, type FrozenExecution } from './schema.js'
import type { CellCapture, LessonRun } from './types.js'
import { error } from '../messages.js'
import { displayPath } from '../files/index.js'

export const capturesFileName = 'captures.json'

export interface LoadedCaptures {
  /** The file (for messages); its value is empty when it does not exist. */
  file: VFile
  exists: boolean
  /** False when the path is not a file shellbook may replace (a folder, a link): `--refresh` must not write over it. */
  replaceable?: false | undefined
  /** Undefined when the file is missing or unreadable (then `file` carries a fatal message). */
  document?: CapturesDocument | undefined
}

/** Read a lesson's captures.json; problems become fatal messages on the returned file. */
export async function readCaptures(lessonDir: string, slug: string): Promise<LoadedCaptures> {
  const filePath = path.join(lessonDir, capturesFileName)
  const file = new VFile({ path: displayPath(filePath) })
  let text: string
  try {
    text = readFileSync(filePath, 'utf8')
  } catch (problem) {
    const code = (problem as NodeJS.ErrnoException).code
    if (code === undefined) throw problem
    // A dangling link is something the user put there, not an absent file.
    if (code === 'ENOENT' && !(await lstat(filePath).then(() => true, () => false))) return { file, exists: false }
    broken(file, `Unexpected captures.json that is ${readProblems[code] ?? `unreadable (${code})`}, expected a file`, { line: 1, column: 1 })
    return { file, exists: true, replaceable: false }
  }
  file.value = text
  const deep = tooDeepAt(text)
  if (deep !== undefined) {
    broken(file, `Unexpected JSON nested deeper than ${MAX_JSON_DEPTH} levels`, location(file).toPoint(deep))
    return { file, exists: true }
  }
  // jsonc-parser in strict mode: JSON.parse's messages often carry no position.
  const errors: ParseError[] = []
  const json: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  const syntax = errors[0]
  if (syntax) {
    // `PropertyNameExpected` → `property name expected`.
    const what = printParseErrorCode(syntax.error).replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase()
    broken(file, `Unexpected JSON syntax: ${what}`, location(file).toPoint(syntax.offset))
    return { file, exists: true }
  }
  const result = capturesSchema.safeParse(json)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const where = issue.path.length > 0 ? `\`${issue.path.join('.')}\`` : 'the file'
    broken(file, `Unexpected value for ${where} (${issue.message}), expected a captures.json written by shellbook`, pointAtPath(file, issue.path))
    return { file, exists: true }
  }
  if (result.data.lesson !== slug) {
    broken(file, `Unexpected lesson \`${result.data.lesson}\`, expected \`${slug}\` (captures of another lesson?)`, pointAtPath(file, ['lesson']))
    return { file, exists: true }
  }
  return { file, exists: true, document: result.data }
}

function broken(file: VFile, reason: string, place: Point | undefined): void {
  error(file, `${reason}; fix it, or delete it and run \`shellbook build --refresh\` with a Docker engine`, place, 'corrupt-captures')
}

/** Deepest JSON nesting read: captures.json is 5 levels deep; jsonc-parser recurses and overflows the stack near 5,000. */
const MAX_JSON_DEPTH = 64

const readProblems: Record<string, string> = {
  EISDIR: 'a folder',
  ENOENT: 'a link to nothing',
  ELOOP: 'a link that loops',
  EACCES: 'not readable (permission denied)',
}

/** Offset of the first bracket nested deeper than MAX_JSON_DEPTH (outside strings), if any. */
function tooDeepAt(text: string): number | undefined {
  let depth = 0
  let inString = false
  for (let offset = 0; offset < text.length; offset++) {
    const char = text[offset]
    if (inString) {
      if (char === '\\') offset++
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '[' || char === '{') {
      if (++depth > MAX_JSON_DEPTH) return offset
    } else if (char === ']' || char === '}') depth--
  }
  return undefined
}

/** Write captures.json atomically: a reader sees the old file or the new one, never half. */
export async function writeCaptures(lessonDir: string, document: CapturesDocument): Promise<void> {
  await writeFileAtomic(path.join(lessonDir, capturesFileName), JSON.stringify(document, null, 2) + '\n')
}

export function emptyCaptures(slug: string): CapturesDocument {
  return { format: capturesFormat, lesson: slug, executions: [] }
}

/** A finished run as a frozen execution; keys are set in a fixed order so the file diffs well. */
export function freezeRun(run: LessonRun, chain: ChainLink[], cellOrder: readonly string[]): FrozenExecution {
  const { provenance } = run
  return {
    key: chain.at(-1)!.key,
    chain: chain.map(({ link, key }) => ({ link, key })),
    provenance: {
      hostKind: provenance.hostKind,
      engineVersion: provenance.engineVersion,
      kernel: provenance.kernel,
      os: provenance.os,
      images: provenance.images.map(({ name, id, standIn }) => ({ name, id, standIn })),
      startedAt: provenance.startedAt,
      finishedAt: provenance.finishedAt,
    },
    vars: Object.fromEntries(Object.keys(run.vars).sort().map((name) => [name, run.vars[name]!])),
    cells: cellOrder.flatMap((id) => (run.cells[id] ? [freezeCell(run.cells[id])] : [])),
  }
}

function freezeCell(capture: CellCapture): FrozenCell {
  return {
    cellId: capture.cellId,
    command: capture.command,
    ...(capture.in === undefined ? {} : { in: capture.in }),
    ...(capture.cwd === undefined ? {} : { cwd: capture.cwd }),
    status: capture.status,
    exitCode: capture.exitCode,
    expectedExit: capture.expectedExit,
    durationMs: Math.round(capture.durationMs),
    startedAt: capture.startedAt,
    timedOut: capture.timedOut,
    truncated: capture.truncated,
    ...(capture.leftRunning === undefined ? {} : { leftRunning: capture.leftRunning }),
    ...(capture.prompt === undefined ? {} : { prompt: capture.prompt }),
    output: capture.output.split('\n'),
  }
}

/** A frozen execution as the run the render stage expects. */
export function thawExecution(slug: string, execution: FrozenExecution): LessonRun {
  const cells: Record<string, CellCapture> = {}
  for (const cell of execution.cells) {
    const { output, in: inContainer, cwd, leftRunning, prompt, ...rest } = cell
    cells[cell.cellId] = {
      ...rest,
      ...(inContainer === undefined ? {} : { in: inContainer }),
      ...(cwd === undefined ? {} : { cwd }),
      ...(leftRunning === undefined ? {} : { leftRunning }),
      ...(prompt === undefined ? {} : { prompt }),
      output: output.join('\n'),
    }
  }
  return { slug, provenance: execution.provenance, cells, vars: { ...execution.vars } }
}

/** Where a JSON path (`executions.0.cells.3.output`) stands in the text: its deepest node that exists. */
function pointAtPath(file: VFile, keys: ReadonlyArray<PropertyKey>): Point | undefined {
  const tree = parseTree(String(file.value))
  for (let length = keys.length; tree && length > 0; length--) {
    const node = findNodeAtLocation(tree, keys.slice(0, length).map((key) => (typeof key === 'number' ? key : String(key))))
    if (node) return location(file).toPoint(node.offset)
  }
  return { line: 1, column: 1 }
}
