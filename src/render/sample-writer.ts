// `--update-samples`: the real output written back into the lesson's own Markdown, in place of
// the author's sample lines, so the lesson reads right on GitHub too. Only sample lines change
// (prose, commands and fences stay byte for byte); each line keeps the indentation or `> ` its
// block has; an elision (`...`) keeps its place: the sample's lines before it become as many
// first lines of the output, those after it as many last lines.
import { stripVTControlCharacters } from 'node:util'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { LessonRun } from '../captures/index.js'
import { isElision, type ExecCommand } from '../parse/index.js'

/** `source` with every sample replaced by its command's real output; unchanged when nothing differs. */
export function withRealSamples(source: string, tree: Root, run: LessonRun): string {
  const eol = source.includes('\r\n') ? '\r\n' : '\n'
  const lines = source.split(/\r?\n/)
  const edits: Array<{ start: number; end: number; lines: string[] }> = []
  visit(tree, 'execBlock', (node) => {
    for (const command of node.commands) {
      const edit = sampleEdit(command, run, lines)
      if (edit) edits.push(edit)
    }
  })
  // From the end, so earlier line numbers stay right.
  for (const edit of edits.sort((a, b) => b.start - a.start)) lines.splice(edit.start - 1, edit.end - edit.start + 1, ...edit.lines)
  return lines.join(eol)
}

function sampleEdit(command: ExecCommand, run: LessonRun, lines: readonly string[]): { start: number; end: number; lines: string[] } | undefined {
  const range = command.sampleLines
  const captured = command.cellId === undefined ? undefined : run.cells[command.cellId]
  if (!range || command.sample === undefined || !captured || captured.status === 'norun' || captured.status === 'skipped') return undefined
  const real = stripVTControlCharacters(captured.output).replace(/\n$/, '').split('\n')
  const sample = command.sample.split('\n')
  const marks = sample.flatMap((line, index) => (isElision(line) ? [index] : []))
  let written = real
  if (marks.length > 0) {
    const head = marks[0]!
    const tail = sample.length - 1 - marks.at(-1)!
    if (real.length > head + tail) written = [...real.slice(0, head), sample[marks[0]!]!, ...real.slice(real.length - tail)]
  }
  // The block's own lead (list indentation, `> `): what comes before the command on its line.
  const commandLine = lines[command.position.start.line - 1] ?? ''
  const lead = commandLine.slice(0, Math.max(0, command.position.start.column - 1 - command.prompt.length))
  const prefixed = written.map((line) => (line === '' ? lead.trimEnd() : lead + line))
  const current = lines.slice(range.start - 1, range.end)
  if (current.join('\n') === prefixed.join('\n')) return undefined
  return { start: range.start, end: range.end, lines: prefixed }
}
