// A Katacoda / Killercoda scenario's index.json, read as its authors wrote it. Both formats
// share `details.intro/steps/finish`; Killercoda names its scripts `background`/`foreground`,
// Katacoda `courseData`/`code`. Unknown keys are kept out of the way, never an error:
// thousands of real scenarios carry fields shellbook has no use for (difficulty, time, icons).
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { z } from '../../zod.js'
import { error, warning } from '../../messages.js'
import { pointOfText } from '../point-of-text.js'

const text = z.string().min(1)

/** intro, a step, or finish: the Markdown file and the scripts around it. */
const pageSchema = z
  .object({
    title: z.string().optional(),
    text: text.optional(),
    /** Killercoda: run hidden on the host before the page; Katacoda calls it courseData. */
    background: text.optional(),
    courseData: text.optional(),
    /** Killercoda: typed into terminal 1 before the page; Katacoda calls it code. */
    foreground: text.optional(),
    code: text.optional(),
    /** A script whose exit status says the step was done. */
    verify: text.optional(),
    /** Markdown showing the solution. */
    answer: text.optional(),
  })
  .passthrough()

const assetSchema = z.object({ file: text, target: text, chmod: z.string().optional() }).passthrough()

export const indexJsonSchema = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    details: z
      .object({
        intro: pageSchema.optional(),
        steps: z.array(pageSchema).default([]),
        finish: pageSchema.optional(),
        /** host name (`host01`, `client`) → files copied into it before the lesson starts. */
        assets: z.record(z.string(), z.array(assetSchema)).optional(),
      })
      .passthrough()
      .default({ steps: [] }),
    environment: z.object({ uilayout: z.string().optional(), uieditorpath: z.string().optional() }).passthrough().optional(),
    backend: z.object({ imageid: z.string().optional() }).passthrough().optional(),
  })
  .passthrough()

export type IndexJson = z.infer<typeof indexJsonSchema>
export type ScenarioPage = z.infer<typeof pageSchema>
export type ScenarioAsset = z.infer<typeof assetSchema>

/** Parse index.json; undefined after a positioned error when it is not JSON or not a scenario. */
export function readIndexJson(file: VFile): IndexJson | undefined {
  const problems: ParseError[] = []
  // Trailing commas and comments are read past, as real scenarios have them; anything else stops here.
  const value: unknown = parse(String(file.value), problems, { allowTrailingComma: true })
  const place = offsetToPoint(file)
  for (const problem of problems) {
    error(file, `Unexpected JSON (${printParseErrorCode(problem.error)}), expected a Katacoda/Killercoda index.json`, place(problem.offset), 'invalid-index-json')
  }
  if (problems.length > 0) return undefined
  if (!isPlainJson(String(file.value))) warning(file, 'Unexpected trailing comma or comment in index.json, expected plain JSON; read past it', { line: 1, column: 1 }, 'invalid-index-json')
  const result = indexJsonSchema.safeParse(value)
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    const key = issue.path.filter((part): part is string => typeof part === 'string').at(-1)
    const place = key === undefined ? { line: 1, column: 1 } : pointOfText(file, `"${key}"`)
    error(file, `Unexpected value for \`${issue.path.join('.')}\`: ${issue.message}`, place, 'invalid-index-json')
  }
  return undefined
}

function isPlainJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function offsetToPoint(file: VFile): (offset: number) => Point {
  const place = location(file)
  return (offset) => place.toPoint(offset) ?? { line: 1, column: 1 }
}
