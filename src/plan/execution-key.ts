// The hash chain over what a lesson executes: lesson.yaml's executable fields, then every
// step (variable evaluation or cell) in order. Prose never enters it, so prose edits and
// translations keep the key; any change to what runs changes the key from that link on.
import { createHash } from 'node:crypto'
import type { LessonPlan, Step } from './types.js'

/** The fields of lesson.yaml that change what runs, in chain order (title and source do not). */
export const executableConfigFields = ['images', 'host', 'hostname', 'network', 'timeout', 'setup', 'teardown', 'vars', 'waits', 'containers', 'terminal', 'secrets'] as const

export type ExecutableConfigField = (typeof executableConfigFields)[number]

/**
 * Fields that join the chain only when lesson.yaml sets them. `hostname` came after lessons were
 * frozen: hashing its absence would have changed every committed key and re-run them all. Unset,
 * it is the sandbox's default (`host01`; `lesson-host` before, which no committed capture prints).
 * `secrets` likewise (its env names and patterns, never an environment's values).
 */
const linkedOnlyWhenSet: ReadonlySet<ExecutableConfigField> = new Set(['hostname', 'secrets'])

/** The config fields that are links of this plan's chain, in chain order. */
function chainedConfigFields(plan: LessonPlan): ExecutableConfigField[] {
  return executableConfigFields.filter((field) => !linkedOnlyWhenSet.has(field) || plan.config[field] !== undefined)
}

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
  for (const field of chainedConfigFields(plan)) add(`config:${field}`, field === 'vars' ? executedVars(plan) : plan.config[field])
  for (const step of plan.steps) add(stepLink(step), stepContent(step))
  return { links, key: previous }
}

/**
 * The variables that change what runs: shell expressions, and output values a command uses.
 * A value bound only for prose is read from the capture: binding it never re-executes.
 */
function executedVars(plan: LessonPlan): LessonPlan['config']['vars'] {
  return Object.fromEntries(Object.entries(plan.config.vars).filter(([name, value]) => typeof value === 'string' || plan.outputVars[name]?.inCommands))
}

/** What a step contributes to the chain: everything about it that changes the run. */
export function stepContent(step: Step): unknown {
  if (step.kind === 'var') return { var: step.name }
  const { command, cwd, waitUntil, script } = step.cell
  // A name tag only names the cell, a claim only checks it: neither must re-execute the lesson. `keys` is
  // left out at its default so that captures frozen before the option existed keep their key.
  // What to show of the output (head, tail, lines) is rendering: it never re-executes either.
  const { name: _name, claim: _claim, keys, head: _head, tail: _tail, lines: _lines, ...options } = step.cell.options
  const content = { command, cwd: cwd ?? null, options: keys ? { ...options, keys } : options, waitUntil: waitUntil ?? null }
  // Only scenario scripts carry `script`: leaving it out otherwise keeps every older key as it was.
  return script ? { ...content, script: script.kind } : content
}

export function stepLink(step: Step): string {
  return step.kind === 'var' ? `var:${step.name}` : `cell:${step.cell.id}`
}

/** What link `index` of a plan's chain covers: the chain is its chained config fields, then the steps, in order. */
export function linkSubject(plan: LessonPlan, index: number): { field: ExecutableConfigField } | { step: Step } {
  const fields = chainedConfigFields(plan)
  return index < fields.length ? { field: fields[index]! } : { step: plan.steps[index - fields.length]! }
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
