// Console blocks: a shell-flavoured fence whose lines start with a prompt (`$ `, `# `,
// `/proc/1/ns# `). Each prompt line (plus `\` continuations) is a command; the lines
// after it, up to the next prompt, are the author's sample output.
import type { Code, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { commandPosition, readCommand } from './command-lines.js'
import { execBlock, readAttributes } from './exec-nodes.js'
import type { ExecBlock, ExecCommand, RawAttributes } from './types.js'

/** Fence languages that may hold a console session. */
export const consoleLanguages = new Set(['bash', 'sh', 'shell', 'console', 'shell-session', 'zsh'])

/** `$ cmd`, `# cmd`, `/path# cmd`, `~/dir$ cmd`: optional working directory, sigil, one space. */
const promptLine = /^(?<cwd>[~/][^\s#$]*)?(?<sigil>[$#]) (?<command>.*)$/

/** Turn console-style fences into exec blocks. */
export function remarkConsoleBlocks() {
  return (tree: Root, file: VFile) => {
    // Split once per file: a lesson has thousands of blocks.
    const sourceLines = String(file.value).split('\n')
    visit(tree, 'code', (node, index, parent) => {
      if (!parent || index === undefined || !consoleLanguages.has(node.lang ?? '')) return
      const firstContent = node.value.split('\n').find((line) => line.trim() !== '')
      if (firstContent === undefined || !promptLine.test(firstContent)) return
      parent.children[index] = toConsoleBlock(node, readAttributes(node.meta, file, node.position?.start), sourceLines)
    })
  }
}

function toConsoleBlock(node: Code, attributes: RawAttributes, sourceLines: readonly string[]): ExecBlock {
  const lines = node.value.split('\n')
  const firstLine = (node.position?.start.line ?? 0) + 1
  const commands: ExecCommand[] = []
  let sample: string[] = []
  const flushSample = () => {
    const last = commands.at(-1)
    while (sample.length > 0 && sample.at(-1)!.trim() === '') sample.pop()
    if (last && sample.length > 0) last.sample = sample.join('\n')
    sample = []
  }
  for (let index = 0; index < lines.length; index++) {
    const prompt = promptLine.exec(lines[index]!)
    if (!prompt?.groups) {
      sample.push(lines[index]!)
      continue
    }
    flushSample()
    const { cwd, sigil, command: firstText = '' } = prompt.groups
    const command = readCommand(lines, index, firstText)
    const exec: ExecCommand = {
      command: command.text,
      prompt: `${cwd ?? ''}${sigil} `,
      position: commandPosition(sourceLines, firstLine, command),
    }
    if (cwd) exec.cwd = cwd
    commands.push(exec)
    index = command.last
  }
  flushSample()
  return execBlock(node, attributes, commands)
}
