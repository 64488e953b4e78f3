// Read and validate lesson.yaml, with every problem positioned in the YAML file.
import { LineCounter, isMap, isNode, isScalar, parseDocument, visit, type Document } from 'yaml'
import type { VFile } from 'vfile'
import { lessonConfigSchema, type LessonConfig } from './lesson-config.js'
import { error } from '../messages.js'

declare module 'vfile' {
  interface DataMap {
    /** The top-level keys lesson.yaml gives (defaults fill in the rest: `images` absent means "infer them"). */
    givenKeys: string[]
  }
}

/** Parse `file` (lesson.yaml); returns undefined after adding fatal messages when it does not validate. */
export function loadConfig(file: VFile): LessonConfig | undefined {
  const lineCounter = new LineCounter()
  const document = parseDocument(String(file.value), { lineCounter, prettyErrors: false, logLevel: 'error' })
  for (const problem of document.errors) {
    const [line, column] = [problem.linePos?.[0].line ?? 1, problem.linePos?.[0].col ?? 1]
    error(file, `Unexpected YAML: ${problem.message.split('\n')[0]}`, { line, column }, 'invalid-lesson-config')
  }
  if (document.errors.length > 0) return undefined
  const value = plainValue(document, file, lineCounter)
  if (value === undefined) return undefined
  file.data.givenKeys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : []
  const result = lessonConfigSchema.safeParse(value)
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)))
    if (issue.code === 'unrecognized_keys') {
      const map = path.length > 0 ? document.getIn(path, true) : document.contents
      for (const key of issue.keys) {
        const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined
        const keyNode = pair?.key
        const { line, col } = lineCounter.linePos(isNode(keyNode) && keyNode.range ? keyNode.range[0] : 0)
        error(file, `Unexpected key \`${[...path, key].join('.')}\`, expected one of ${knownKeys(path)}`, { line, column: col }, 'invalid-lesson-config')
      }
      continue
    }
    const node = path.length > 0 ? document.getIn(path, true) : undefined
    const offset = isNode(node) && node.range ? node.range[0] : 0
    const { line, col } = lineCounter.linePos(offset)
    const where = path.length > 0 ? `\`${path.join('.')}\`` : 'the file'
    error(file, `Unexpected value for ${where}: ${issue.message}`, { line, column: col }, 'invalid-lesson-config')
  }
  return undefined
}

/**
 * The document as plain data; undefined after a message when an alias names no anchor, or
 * aliases expand into far more data than a lesson.yaml holds (an "alias bomb"): `toJS` would throw.
 */
function plainValue(document: Document, file: VFile, lineCounter: LineCounter): unknown {
  let firstAlias: number | undefined
  let unresolved = false
  visit(document, {
    Alias(_key, alias) {
      const at = alias.range?.[0] ?? 0
      firstAlias ??= at
      if (alias.resolve(document) !== undefined) return
      unresolved = true
      const { line, col } = lineCounter.linePos(at)
      error(file, `Unexpected YAML alias \`*${alias.source}\` with no anchor \`&${alias.source}\` before it, expected an anchor defined earlier`, { line, column: col }, 'invalid-lesson-config')
    },
  })
  if (unresolved) return undefined
  try {
    return document.toJS({ maxAliasCount: 100 }) ?? {}
  } catch (problem) {
    const { line, col } = lineCounter.linePos(firstAlias ?? 0)
    error(file, `Unexpected YAML that aliases expand beyond what a lesson.yaml holds (${problem instanceof Error ? problem.message : String(problem)}), expected fewer aliases`, { line, column: col }, 'invalid-lesson-config')
    return undefined
  }
}

/** Keys the schema accepts at the top level, for messages. */
function knownKeys(path: Array<string | number>): string {
  return path.length === 0 ? Object.keys(lessonConfigSchema.shape).map((key) => `\`${key}\``).join(', ') : 'the documented keys'
}
