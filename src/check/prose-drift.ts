// Prose drift: a value written in the prose (a PID, a namespace inode, a container id, an IP
// address, a time) that the author copied from their own sample output, which the real capture
// replaced, or from an earlier capture, and that the real output no longer holds. The page
// would then say one number while the terminal beside it shows another. Reported at the
// value, in every locale, naming the cell it came from and, when the capture has a value at
// the same place, that value and the lesson.yaml binding that would follow it.
import { stripVTControlCharacters } from 'node:util'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import type { CellCapture, LessonRun } from '../captures/index.js'
import { excerpt, warning } from '../messages.js'
import type { ExecCommand } from '../parse/index.js'

/** Values worth checking: IPv4 addresses, times, hex ids of 12+ characters, numbers of 3+ digits. */
const valuePattern = /\b(?:\d{1,3}(?:\.\d{1,3}){3}|\d{1,2}:\d{2}(?::\d{2})?|[0-9a-f]{12,64}|\d{3,})\b/g

/** Where a command stands, an output the prose may have copied (the author's sample, an earlier capture), and what the machine printed. */
interface SeenCommand {
  command: ExecCommand
  /** The cell's `name=`, for the binding a message proposes. */
  name: string | undefined
  copied: string
  from: 'sample' | 'earlier'
  output: string | undefined
}

/**
 * Report every prose value of `tree` that came from a sample output, or from `earlier` (the
 * captures this run replaced), that the real capture contradicts.
 */
export function checkProseDrift(tree: Root, file: VFile, run: LessonRun, earlier?: LessonRun): void {
  const source = String(file.value)
  const place = location(file)
  const seen: SeenCommand[] = []
  visit(tree, (node) => {
    if (node.type === 'execBlock' || node.type === 'execInline') {
      for (const command of node.commands) {
        const captured = command.cellId === undefined ? undefined : run.cells[command.cellId]
        const output = captured && captured.status !== 'norun' && captured.status !== 'skipped' ? stripVTControlCharacters(captured.output) : undefined
        const name = 'attributes' in node ? node.attributes['name'] : undefined
        if (command.sample !== undefined) seen.push({ command, name, copied: command.sample, from: 'sample', output })
        const before = captured && earlier ? earlierCapture(earlier, captured) : undefined
        if (before) seen.push({ command, name, copied: stripVTControlCharacters(before.output), from: 'earlier', output })
      }
      return
    }
    if (node.type !== 'text' || node.position?.start.offset === undefined || node.position.end.offset === undefined) return
    const { start, end } = { start: node.position.start.offset, end: node.position.end.offset }
    for (const match of node.value.matchAll(valuePattern)) {
      const value = match[0]
      const from = seen.findLast((entry) => holdsToken(entry.copied, value))
      if (!from || from.output === undefined || holdsToken(from.output, value)) continue
      const at = source.indexOf(value, start)
      const point = place.toPoint(at !== -1 && at < end ? at : start)
      if (!point) continue
      const meant = counterpart(from.copied, from.output, value)
      const line = from.command.position.start.line
      const origin = from.from === 'sample'
        ? `the sample output of \`${excerpt(from.command.command)}\` (line ${line}), which the capture replaced`
        : `an earlier capture of \`${excerpt(from.command.command)}\` (line ${line}), which this run replaced`
      const hint = meant === undefined
        ? 'bind it to the output with `:val[name]` and a lesson.yaml variable (`{cell, match}`), or write it out of the prose'
        : `the capture has \`${meant.value}\` there: write \`:val[name]\` and bind it in lesson.yaml with \`vars: {name: {cell: ${yamlScalar(from.name ?? from.command.command)}, match: ${yamlScalar(bindingPattern(meant.lead, meant.value, from.output))}}}\``
      warning(
        file,
        `Unexpected \`${value}\` in prose, expected a value the real output holds: it comes from ${origin}, and the capture does not print it; ${hint}`,
        { start: point, end: { line: point.line, column: point.column + value.length } },
        'prose-drift',
      )
    }
  })
}

/** `value` as a whole token of `text` (not part of a longer number or id). */
function holdsToken(text: string, value: string): boolean {
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
    const before = text[at - 1] ?? ' '
    const after = text[at + value.length] ?? ' '
    if (!/[0-9A-Za-z]/.test(before) && !/[0-9A-Za-z]/.test(after)) return true
  }
  return false
}

/**
 * The value the capture has where the sample had `value`: the sample line's text before it
 * (`pid -> 'pid:[`) found in the capture, then the token after it. Undefined when no line matches.
 */
function counterpart(sample: string, output: string, value: string): { value: string; lead: string } | undefined {
  const line = sample.split('\n').find((candidate) => holdsToken(candidate, value))
  if (line === undefined) return undefined
  const lead = line.slice(0, line.indexOf(value)).replace(/^.*?([^\d\s][^\d]{2,})$/, '$1')
  if (lead.trim().length < 3) return undefined
  for (const candidate of output.split('\n')) {
    const at = candidate.indexOf(lead)
    if (at === -1) continue
    const token = /^[0-9A-Za-z.:]+/.exec(candidate.slice(at + lead.length))?.[0]
    if (token !== undefined && token !== value) return { value: token, lead }
  }
  return undefined
}

/** The capture `earlier` has of the same cell: the same id running the same command, else the same command. */
function earlierCapture(earlier: LessonRun, now: CellCapture): CellCapture | undefined {
  const same = earlier.cells[now.cellId]
  if (same && same.command === now.command) return same
  return Object.values(earlier.cells).find((capture) => capture.command === now.command)
}

/**
 * A pattern that reads `value` from `output`: the last word of the text before it, without
 * quotes (`pid:\[`), when its first match is that value; else the whole text before it.
 */
function bindingPattern(lead: string, value: string, output: string): string {
  const word = (lead.split(/\s+/).at(-1) ?? '').replace(/^['"`(]+/, '')
  const pattern = (text: string) => `${escapeRegExp(text)}([0-9A-Za-z.:]+)`
  const short = pattern(word)
  return word.length >= 3 && new RegExp(short, 'm').exec(output)?.[1] === value ? short : pattern(lead)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** `text` as a single-quoted YAML scalar. */
function yamlScalar(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}
