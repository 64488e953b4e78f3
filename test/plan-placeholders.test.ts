// The planner on commands the Markdown parser cannot yet hand it whole (a Katacoda fence is
// split into lines today): a heredoc of several lines as one command, beside real placeholders.
import type { Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import type { ExecCommand, RawAttributes } from '../src/parse/index.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'

const config = loadConfig(new VFile({ path: 'lesson.yaml', value: 'title: {en: T}\nvars:\n  pid: echo 42\n' }))!

/** A lesson of one fenced block per command, each command starting at line `line`, column 1. */
function plan(blocks: { command: string; line: number; attributes?: RawAttributes }[]) {
  const file = new VFile({ path: 'input.md', value: '' })
  const children = blocks.map(({ command, line, attributes = {} }) => {
    const lines = command.split('\n')
    const exec: ExecCommand = { command, prompt: '', position: { start: { line, column: 1 }, end: { line: line + lines.length - 1, column: lines.at(-1)!.length + 1 } } }
    return { type: 'execBlock' as const, lang: null, attributes, commands: [exec] }
  })
  const tree: Root = { type: 'root', children }
  const result = planLesson({ slug: 't', locale: 'en', file, tree, config, configFile: new VFile({ path: 'lesson.yaml' }) })
  return { cells: result.cells.map((cell) => ({ id: cell.id, vars: cell.vars })), steps: result.steps.map((step) => (step.kind === 'var' ? `var ${step.name}` : `cell ${step.cell.id}`)), messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) }
}

describe('planLesson: placeholders only in code that runs', () => {
  it('reads a heredoc writing HTML as text, and fills the placeholder after it', () => {
    const command = 'cat > /tmp/index.html <<EOF\n<html>\n<body><unknown></body>\n</html>\nEOF\ngrep -c html /proc/<pid>/cmdline <nope>'
    expect(plan([{ command, line: 3 }])).toEqual({
      cells: [{ id: 'c1', vars: ['pid'] }],
      steps: ['var pid', 'cell c1'],
      // Only the unbound placeholder on the last line, at its exact column.
      messages: ['8:34 unbound-placeholder'],
    })
  })
  it('evaluates no variable for a norun cell, and reports nothing in it', () => {
    expect(plan([{ command: 'kill <pid> <nope>', line: 1, attributes: { norun: '' } }])).toEqual({ cells: [{ id: 'c1', vars: [] }], steps: ['cell c1'], messages: [] })
  })
  it('still checks a norun=false cell', () => {
    expect(plan([{ command: 'kill <pid> <nope>', line: 1, attributes: { norun: 'false' } }]).messages).toEqual(['1:12 unbound-placeholder'])
  })
})
