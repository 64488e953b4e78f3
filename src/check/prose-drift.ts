// Prose drift: a value written in the prose (a PID, a namespace inode, a container id, an IP
// address, a time) that the author copied from their own sample output, which the real capture
// replaced, and that the real output no longer holds. The page would then say one number
// while the terminal beside it shows another. Reported at the value, in every locale, naming
// the cell it came from and, when the capture has a value at the same place, that value.
import { stripVTControlCharacters } from 'node:util'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import type { LessonRun } from '../captures/index.js'
import { excerpt, warning } from '../messages.js'
import type { ExecCommand } from '../parse/index.js'

/** Values worth checking: IPv4 addresses, times, hex ids of 12+ characters, numbers of 3+ digits. */
const valuePattern = /\b(?:\d{1,3}(?:\.\d{1,3}){3}|\d{1,2}:\d{2}(?::\d{2})?|[0-9a-f]{12,64}|\d{3,})\b/g

/** Where a command stands, what the author showed after it, and what the machine printed. */
interface SeenCommand {
  command: ExecCommand
  sample: string
  output: string | undefined
}

/** Report every prose value of `tree` that came from a sample output the real capture contradicts. */
export function checkProseDrift(tree: Root, file: VFile, run: LessonRun): void {
  const source = String(file.value)
  const place = location(file)
  const seen: SeenCommand[] = []
  visit(tree, (node) => {
    if (node.type === 'execBlock' || node.type === 'execInline') {
      for (const command of node.commands) {
        const captured = command.cellId === undefined ? undefined : run.cells[command.cellId]
        const output = captured && captured.status !== 'norun' && captured.status !== 'skipped' ? stripVTControlCharacters(captured.output) : undefined
        if (command.sample !== undefined) seen.push({ command, sample: command.sample, output })
      }
      return
    }
    if (node.type !== 'text' || node.position?.start.offset === undefined || node.position.end.offset === undefined) return
    const { start, end } = { start: node.position.start.offset, end: node.position.end.offset }
    for (const match of node.value.matchAll(valuePattern)) {
      const value = match[0]
      const from = seen.findLast((entry) => holdsToken(entry.sample, value))
      if (!from || from.output === undefined || holdsToken(from.output, value)) continue
      const at = source.indexOf(value, start)
      const point = place.toPoint(at !== -1 && at < end ? at : start)
      if (!point) continue
      const meant = counterpart(from.sample, from.output, value)
      const line = from.command.position.start.line
      const hint = meant === undefined
        ? 'bind it to the output with `:val[name]` and a lesson.yaml variable, or write it out of the prose'
        : `the capture has \`${meant}\` there: bind it with \`:val[name]\` and a lesson.yaml variable that reads it`
      warning(
        file,
        `Unexpected \`${value}\` in prose, expected a value the real output holds: it comes from the sample output of \`${excerpt(from.command.command)}\` (line ${line}), which the capture replaced, and the capture does not print it; ${hint}`,
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
function counterpart(sample: string, output: string, value: string): string | undefined {
  const line = sample.split('\n').find((candidate) => holdsToken(candidate, value))
  if (line === undefined) return undefined
  const lead = line.slice(0, line.indexOf(value)).replace(/^.*?([^\d\s][^\d]{2,})$/, '$1')
  if (lead.trim().length < 3) return undefined
  for (const candidate of output.split('\n')) {
    const at = candidate.indexOf(lead)
    if (at === -1) continue
    const token = /^[0-9A-Za-z.:]+/.exec(candidate.slice(at + lead.length))?.[0]
    if (token !== undefined && token !== value) return token
  }
  return undefined
}
