// Helpers of the tests that run small lessons on real sandboxes: a plan from Markdown and
// lesson.yaml text, a run on a fresh sandbox, a cell's output.
import { stripVTControlCharacters } from 'node:util'
import { expect } from 'vitest'
import { VFile } from 'vfile'
import { parseLesson } from '../../src/parse/index.js'
import { loadConfig } from '../../src/plan/load-config.js'
import { planLesson } from '../../src/plan/plan-lesson.js'
import type { LessonPlan } from '../../src/plan/types.js'
import type { RunEvent } from '../../src/run/events.js'
import { currentBuildOwner } from '../../src/run/engine/labels.js'
import { runLesson } from '../../src/run/run-lesson.js'
import { createSandboxHost, type SandboxOptions } from '../../src/run/hosts/sandbox-host.js'
import type { LessonRun } from '../../src/captures/types.js'

export const owner = currentBuildOwner()

export async function planOf(slug: string, markdown: string, yaml: string): Promise<LessonPlan> {
  const configFile = new VFile({ path: 'lesson.yaml', value: yaml })
  const file = new VFile({ path: 'en.md', value: markdown })
  const config = loadConfig(configFile)
  expect(configFile.messages.map(String)).toEqual([])
  const plan = planLesson({ slug, locale: 'en', file, tree: await parseLesson(file), config: config!, configFile })
  expect(file.messages.map(String)).toEqual([])
  return plan
}

/** Run a lesson on a fresh sandbox (its images and hostname from its lesson.yaml); every cell must succeed, with messages of `expectedRules` only, in order. */
export async function runOnSandbox(plan: LessonPlan, options: Partial<SandboxOptions> = {}, onEvent?: (event: RunEvent) => void, expectedRules: readonly string[] = []): Promise<LessonRun> {
  const host = createSandboxHost(plan, { owner, images: plan.config.images, hostname: plan.config.hostname, ...options })
  const result = await runLesson(plan, {
    host,
    provenance: { hostKind: 'sandbox', engineVersion: '', kernel: '', os: '', images: [] },
    ...(onEvent === undefined ? {} : { onEvent }),
  })
  expect(plan.file.messages.filter((message) => !expectedRules.includes(message.ruleId ?? '')).map(String)).toEqual([])
  expect(plan.file.messages.map((message) => message.ruleId)).toEqual(expectedRules)
  expect(Object.values(result.cells).map((cell) => `${cell.command}: ${cell.status}`)).toEqual(plan.cells.map((cell) => `${cell.command}: ok`))
  return result
}

/** What `command` printed, without terminal escapes. */
export function output(result: LessonRun, command: string): string {
  const cell = Object.values(result.cells).find((capture) => capture.command === command)
  expect(cell, command).toBeDefined()
  return stripVTControlCharacters(cell!.output)
}
