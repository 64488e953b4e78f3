// Raw cell attributes (`{in=db exit=1 hidden}`, Katacoda markers) → validated CellOptions.
import { z } from '../zod.js'
import { markerNamePattern, type RawAttributes } from '../parse/index.js'
import type { CellOptions } from './types.js'

const flag = z
  .enum(['', 'true', 'false'], { message: 'no value, `true` or `false`' })
  .transform((value) => value !== 'false')

const seconds = z.coerce.number({ message: 'a number of seconds above 0' }).positive('a number of seconds above 0')
const lineCount = z.coerce.number({ message: 'a number of lines from 1 up' }).int('a whole number of lines').min(1, 'a number of lines from 1 up')

function lineRange(text: string): { from: number; to?: number } {
  const [from = '', to] = text.split('-')
  if (to === undefined) return { from: Number(from), to: Number(from) }
  return to === '' ? { from: Number(from) } : { from: Number(from), to: Number(to) }
}

const attributeSchemas = {
  in: z.string().min(1, 'a container name'),
  exit: z.coerce.number({ message: 'a status from 0 to 255' }).int('an integer').min(0, 'a status from 0 to 255').max(255, 'a status from 0 to 255'),
  timeout: z.coerce.number({ message: 'a number of seconds above 0' }).positive('a number of seconds above 0'),
  hidden: flag,
  norun: flag,
  interrupt: flag,
  keys: flag,
  session: z.string().regex(/^[\w-]+$/, 'a session name of letters, digits, `-` or `_`'),
  claim: z.string().min(1, 'a claim: text, or a `/regular expression/`'),
  name: z.string().regex(markerNamePattern, 'a name of letters, digits, `-`, `_` or `.`, starting with a letter'),
  background: flag,
  quiet: seconds,
  settle: seconds,
  'stop-after': seconds,
  head: lineCount,
  tail: lineCount,
  lines: z.string().regex(/^\d+(-\d*)?$/, 'a line range such as `3-10`, `5-` or `7`').transform(lineRange).refine((range) => range.from >= 1 && (range.to === undefined || range.to >= range.from), 'a line range from 1 up, such as `3-10`'),
} as const

type AttributeName = keyof typeof attributeSchemas

/** Names a cell accepts, for messages. */
export const attributeNames = Object.keys(attributeSchemas) as AttributeName[]

/** A problem with one attribute, phrased for a positioned message. */
export interface AttributeProblem {
  /** The attribute the problem is about. */
  name: string
  ruleId: 'unknown-attribute' | 'invalid-attribute'
  reason: string
}

/** Validate attributes against the lesson defaults; problems are returned, never thrown. */
export function readCellOptions(
  attributes: RawAttributes,
  defaults: { timeoutSeconds: number },
): { options: CellOptions; problems: AttributeProblem[] } {
  const options: CellOptions = {
    session: '1', exit: 0, timeoutMs: defaults.timeoutSeconds * 1000,
    hidden: false, norun: false, interrupt: false, keys: false,
  }
  const problems: AttributeProblem[] = []
  for (const [name, raw] of Object.entries(attributes)) {
    if (!isAttributeName(name)) {
      problems.push({
        name,
        ruleId: 'unknown-attribute',
        reason: `Unexpected attribute \`${name}\`, expected one of ${attributeNames.map((n) => `\`${n}\``).join(', ')}`,
      })
      continue
    }
    const parsed = attributeSchemas[name].safeParse(raw)
    if (!parsed.success) {
      const expected = parsed.error.issues[0]?.message ?? 'a valid value'
      problems.push({ name, ruleId: 'invalid-attribute', reason: `Unexpected \`${name}=${raw}\`, expected ${expected}` })
      continue
    }
    applyAttribute(options, name, parsed.data)
  }
  return { options, problems }
}

function isAttributeName(name: string): name is AttributeName {
  return Object.hasOwn(attributeSchemas, name)
}

/** Attributes given in seconds, and the option each sets in milliseconds. */
const secondsOptions = { timeout: 'timeoutMs', quiet: 'quietMs', settle: 'settleMs', 'stop-after': 'stopAfterMs' } as const

function isSecondsAttribute(name: AttributeName): name is keyof typeof secondsOptions {
  return Object.hasOwn(secondsOptions, name)
}

function applyAttribute(options: CellOptions, name: AttributeName, value: string | number | boolean | { from: number; to?: number }): void {
  if (isSecondsAttribute(name)) {
    options[secondsOptions[name]] = Math.round(Number(value) * 1000)
    return
  }
  switch (name) {
    case 'head':
    case 'tail':
      options[name] = Number(value)
      return
    case 'lines':
      options.lines = value as { from: number; to?: number }
      return
    case 'background':
      // Unset rather than false: an option at its default stays out of the execution key.
      if (value === true) options.background = true
      return
    case 'in':
    case 'session':
    case 'name':
    case 'claim':
      options[name] = String(value)
      return
    case 'exit':
      options.exit = Number(value)
      return
    default:
      options[name] = Boolean(value)
  }
}
