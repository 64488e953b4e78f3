// A Katacoda / Killercoda scenario's index.json, read as its authors wrote it. Both formats
// share `details.intro/steps/finish`; Killercoda names its scripts `background`/`foreground`,
// Katacoda `courseData`/`code`. Unknown keys are kept out of the way, never an error:
// thousands of real scenarios carry fields shellbook has no use for (difficulty, time, icons).
import type { VFile } from 'vfile'
import { z } from 'zod'
import { error } from '../../messages.js'
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
    environment: z.object({ uilayout: z.string().optional() }).passthrough().optional(),
    backend: z.object({ imageid: z.string().optional() }).passthrough().optional(),
  })
  .passthrough()

export type IndexJson = z.infer<typeof indexJsonSchema>
export type ScenarioPage = z.infer<typeof pageSchema>
export type ScenarioAsset = z.infer<typeof assetSchema>

/** Parse index.json; undefined after a positioned error when it is not JSON or not a scenario. */
export function readIndexJson(file: VFile): IndexJson | undefined {
  let value: unknown
  try {
    value = JSON.parse(String(file.value))
  } catch (problem) {
    const reason = problem instanceof Error ? problem.message : String(problem)
    error(file, `Unexpected JSON: ${reason}, expected a Katacoda/Killercoda index.json`, jsonErrorPoint(file, reason), 'invalid-index-json')
    return undefined
  }
  const result = indexJsonSchema.safeParse(value)
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    const key = issue.path.filter((part): part is string => typeof part === 'string').at(-1)
    const place = key === undefined ? { line: 1, column: 1 } : pointOfText(file, `"${key}"`)
    error(file, `Unexpected value for \`${issue.path.join('.')}\`: ${issue.message}`, place, 'invalid-index-json')
  }
  return undefined
}

/** JSON.parse names a position (`at position 42`, or `line 3 column 5`); turn it into a point. */
function jsonErrorPoint(file: VFile, reason: string): { line: number; column: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(reason)
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
  const offset = /position (\d+)/.exec(reason)
  if (!offset) return { line: 1, column: 1 }
  const before = String(file.value).slice(0, Number(offset[1])).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}
