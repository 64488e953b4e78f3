// From a worker's raw result to an outcome, and a signature that groups outcomes of one cause.
import type { FileSummary, RawResult } from './pool.js'

/** `bad-plan`: check passed, but the plan it made holds what build would crash on. */
export type Kind = 'ok' | 'crash' | 'slow' | 'unpositioned' | 'bad-plan'

export interface Outcome {
  kind: Kind
  /** check + report time, or the time until the worker was terminated. */
  ms: number
  /** Same cause, same signature: the error and where it was thrown, or the rule of the bad message. */
  signature: string
  detail: string
  /** First stack frame, and the first one in shellbook's dist/ (the place to fix). */
  frame?: string
  distFrame?: string
}

/** `at fn (file:///x/dist/a.js:3:9)`, `at file:///x/dist/a.js:3:9`, `at node:internal/fs:1:2`: the location part. */
const framePattern = new RegExp('((?:file://|node:)[^()\\s]+|/[^()\\s]+):(\\d+):(\\d+)\\)?$')

/** `node_modules/…` for dependencies, `dist/…` for shellbook (whichever build was checked), else as is. */
function shortPath(file: string): string {
  const plain = file.replace('file://', '')
  const modules = plain.lastIndexOf('/node_modules/')
  if (modules >= 0) return plain.slice(modules + 1)
  const dist = plain.lastIndexOf('/dist/')
  return dist >= 0 ? plain.slice(dist + 1) : plain
}

/** Frames as `dist/plan/load-lessons.js:30:22`, `node_modules/yaml/…`, `node:internal/…`. */
export function frames(stack: string): string[] {
  const found: string[] = []
  for (const line of stack.split('\n')) {
    const match = /^\s+at /.test(line) ? framePattern.exec(line.trim()) : null
    if (match) found.push(`${shortPath(match[1] ?? '')}:${match[2]}:${match[3]}`)
  }
  return found
}

/** Paths of temp inputs and numbers vary from one input to the next; the cause does not. */
export function normalize(text: string): string {
  return text
    .replace(/(?:\.\.\/)*\/?(?:tmp|var\/tmp)\/shellbook-fuzz-[^'"\s,)]*/g, '<input>')
    .replace(/`[^`]{40,}`/g, '`…`')
    .replace(/\d+/g, 'N')
    .slice(0, 200)
}

function positionProblem(file: FileSummary): string | undefined {
  for (const message of file.messages) {
    if (file.path === null) return `message with no file: ${message.reason}`
    if (!message.fatal) continue
    // A message about a folder or a missing file has no line to give; one about content does.
    if (message.line === null && file.hasContent) return `${message.ruleId}: no line in ${file.path}: ${message.reason}`
    if (message.line !== null && message.line > file.lineCount) return `${message.ruleId}: line ${message.line} beyond the ${file.lineCount} lines of ${file.path}: ${message.reason}`
  }
  return undefined
}

export function classify(raw: RawResult, slowMs: number, mutators: string[]): Outcome {
  if (raw.type === 'timeout') {
    // No stack from a terminated thread: the mutations are the best grouping there is.
    return { kind: 'slow', ms: raw.ms, signature: `terminated after ${Math.round(raw.ms / 1000)} s: ${[...new Set(mutators)].sort().join('+')}`, detail: 'terminated' }
  }
  if (raw.type === 'threw' || raw.type === 'died') {
    const all = frames(raw.stack)
    const frame = all[0]
    const distFrame = all.find((f) => f.startsWith('dist/'))
    const where = raw.type === 'died' ? 'worker died' : raw.phase
    const code = raw.type === 'threw' && raw.code ? ` [${raw.code}]` : ''
    const outcome: Outcome = {
      kind: 'crash', ms: raw.ms, detail: `${raw.name}${code}: ${raw.message.slice(0, 300)}`,
      signature: `${where}: ${raw.name}${code}: ${normalize(raw.message)} @ ${(distFrame ?? frame ?? 'no frame').replace(/:\d+$/, '')}`,
    }
    if (frame !== undefined) outcome.frame = frame
    if (distFrame !== undefined) outcome.distFrame = distFrame
    return outcome
  }
  const ms = raw.checkMs + raw.reportMs
  const timing = `check ${Math.round(raw.checkMs)} ms, report ${Math.round(raw.reportMs)} ms (${raw.reportLength} chars), build ${Math.round(raw.buildMs)} ms`
  if (raw.polluted) return { kind: 'crash', ms, signature: 'Object.prototype changed by the check', detail: `Object.prototype gained keys; ${timing}` }
  if (raw.buildMs > slowMs) return { kind: 'slow', ms: raw.buildMs, signature: `slow build: ${[...new Set(mutators)].sort().join('+')}`, detail: timing }
  if (ms > slowMs) {
    const part = raw.reportMs > raw.checkMs ? 'report' : 'check'
    return { kind: 'slow', ms, signature: `slow ${part}: ${[...new Set(mutators)].sort().join('+')}`, detail: timing }
  }
  for (const file of raw.files) {
    const problem = positionProblem(file)
    if (problem !== undefined) return { kind: 'unpositioned', ms, signature: normalize(problem.replace(/ in \S+:/, ':').replace(/ of \S+:/, ':')), detail: problem.slice(0, 400) }
  }
  const [problem] = raw.plan
  if (problem !== undefined) return { kind: 'bad-plan', ms, signature: normalize(problem.replace(/^\S+: cell \w+/, 'cell')), detail: problem }
  return { kind: 'ok', ms, signature: 'ok', detail: timing }
}
