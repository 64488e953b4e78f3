// The hash chain over what a lesson executes: lesson.yaml's executable fields, then every
// step (variable evaluation or cell) in order. Prose never enters it, so prose edits and
// translations keep the key; any change to what runs changes the key from that link on.
import { createHash } from 'node:crypto'
import type { LessonConfig } from './lesson-config.js'
import type { LessonPlan, Step } from './types.js'

/** The fields of lesson.yaml that change what runs, in chain order (title and source do not). */
export const executableConfigFields = ['images', 'host', 'network', 'timeout', 'setup', 'teardown', 'vars', 'waits', 'containers', 'terminal'] as const

export type ExecutableConfigField = (typeof executableConfigFields)[number]

/** One link of the chain: what it covers and the hash of everything up to it. */
export interface ChainLink {
  /** `config:vars`, `var:ppid`, `cell:c3`. */
  link: string
  key: string
}

export interface ExecutionKey {
  links: ChainLink[]
  /** The last link's key: equal keys mean equal executions. */
  key: string
}

/** Hash the plan's executable content, link by link. */
export function executionKey(plan: LessonPlan): ExecutionKey {
  const links: ChainLink[] = []
  let previous = ''
  const add = (link: string, content: unknown) => {
    previous = createHash('sha256').update(previous).update('\n').update(link).update('\n').update(canonicalJson(content)).digest('hex')
    links.push({ link, key: previous })
  }
  for (const field of executableConfigFields) add(`config:${field}`, plan.config[field])
  for (const step of plan.steps) add(stepLink(step), stepContent(step))
  return { links, key: previous }
}

/** What a step contributes to the chain: everything about it that changes the run. */
export function stepContent(step: Step): unknown {
  if (step.kind === 'var') return { var: step.name }
  const { command, cwd, waitUntil } = step.cell
  // A name tag only names the cell: renaming it must not re-execute the lesson. `keys` is
  // left out at its default so that captures frozen before the option existed keep their key.
  const { name: _name, keys, ...options } = step.cell.options
  return { command, cwd: cwd ?? null, options: keys ? { ...options, keys } : options, waitUntil: waitUntil ?? null }
}

export function stepLink(step: Step): string {
  return step.kind === 'var' ? `var:${step.name}` : `cell:${step.cell.id}`
}

/** What link `index` of a plan's chain covers: the chain is the config fields, then the steps, in order. */
export function linkSubject(plan: LessonPlan, index: number): { field: ExecutableConfigField } | { step: Step } {
  const fields = executableConfigFields.length
  return index < fields ? { field: executableConfigFields[index]! } : { step: plan.steps[index - fields]! }
}

/** JSON with object keys sorted, so that YAML key order never changes a key. */
function canonicalJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )
  return json ?? 'null'
}
