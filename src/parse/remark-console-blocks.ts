// Console blocks: a shell-flavoured fence whose lines start with a prompt (`$ `, `# `,
// `/proc/1/ns# `, `root@host:~# `…, see console-prompts.ts). Each prompt line (plus `\`
// continuations) is a command; the lines after it, up to the next prompt, are the author's
// sample output. A line that looks like a prompt with no space after it (`$docker ps`) is
// not read as one, and is reported: it would otherwise vanish into the sample output.
import type { Code, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { excerpt, warning } from '../messages.js'
import { commandPosition, readCommand } from './command-lines.js'
import { readPrompt, unspacedPrompt } from './console-prompts.js'
import { execBlock, readAttributes } from './exec-nodes.js'
import type { ExecBlock, ExecCommand } from './types.js'

/** Fence languages that may hold a console session. */
export const consoleLanguages = new Set(['bash', 'sh', 'shell', 'console', 'shell-session', 'zsh'])

/** Turn console-style fences into exec blocks. */
export function remarkConsoleBlocks() {
  return (tree: Root, file: VFile) => {
    // Split once per file: a lesson has thousands of blocks.
    const sourceLines = String(file.value).split('\n')
    visit(tree, 'code', (node, index, parent) => {
      if (!parent || index === undefined || !consoleLanguages.has(node.lang ?? '')) return
      const lines = node.value.split('\n')
      const first = lines.findIndex((line) => line.trim() !== '')
      if (first === -1) return
      if (!readPrompt(lines[first]!)) {
        reportUnspaced(lines, first, node, sourceLines, file)
        return
      }
      const block = toConsoleBlock(node, lines, file, sourceLines)
      // Only empty prompts: nothing runs, and the block stays as written.
      if (block.commands.length > 0) parent.children[index] = block
    })
  }
}

function toConsoleBlock(node: Code, lines: readonly string[], file: VFile, sourceLines: readonly string[]): ExecBlock {
  const attributes = readAttributes(node.meta, file, node.position?.start)
  const firstLine = (node.position?.start.line ?? 0) + 1
  const commands: ExecCommand[] = []
  /** The command whose sample output the lines being read are; none after an empty prompt. */
  let current: ExecCommand | undefined
  let sample: string[] = []
  let sampleStart = 0
  const flushSample = () => {
    while (sample.length > 0 && sample.at(-1)!.trim() === '') sample.pop()
    if (current && sample.length > 0) {
      current.sample = sample.join('\n')
      current.sampleLines = { start: firstLine + sampleStart, end: firstLine + sampleStart + sample.length - 1 }
    }
    sample = []
  }
  for (let index = 0; index < lines.length; index++) {
    const prompt = readPrompt(lines[index]!)
    if (!prompt) {
      reportUnspaced(lines, index, node, sourceLines, file)
      if (sample.length === 0) sampleStart = index
      sample.push(lines[index]!)
      continue
    }
    flushSample()
    // A prompt with nothing typed after it (a transcript's last line) runs nothing.
    current = undefined
    if (prompt.command.trim() === '') continue
    // A heredoc or an open quote goes on over the next lines (shown with bash's `> `), but the
    // same prompt again starts the next command: a transcript's unbalanced quote swallows no more.
    const samePrompt = (line: string) => prompt.prompt.trim() !== '#' && readPrompt(line)?.prompt === prompt.prompt
    const command = readCommand(lines, index, prompt.command, { stopsAt: samePrompt, continuationPrompt: '> ' })
    const exec: ExecCommand = {
      command: command.text,
      prompt: prompt.prompt,
      position: commandPosition(sourceLines, firstLine, command),
    }
    if (prompt.cwd !== undefined) exec.cwd = prompt.cwd
    commands.push(exec)
    current = exec
    index = command.last
  }
  flushSample()
  return execBlock(node, node.lang ?? null, attributes, commands)
}

/** Warn at a line that looks like a prompt but has no space after it (`$docker search redis`). */
function reportUnspaced(lines: readonly string[], index: number, node: Code, sourceLines: readonly string[], file: VFile): void {
  const line = lines[index]!
  const unspaced = unspacedPrompt(line)
  if (!unspaced) return
  const lineNumber = (node.position?.start.line ?? 0) + 1 + index
  const column = Math.max(0, (sourceLines[lineNumber - 1] ?? '').indexOf(line)) + 1
  const written = line.slice(0, unspaced.width + unspaced.word.length)
  const spaced = `${line.slice(0, unspaced.width)} ${unspaced.word}`
  warning(
    file,
    `Unexpected \`${excerpt(written, 40)}\` with no space after the prompt, expected \`${excerpt(spaced, 40)}\`; the line is not read as a command`,
    { start: { line: lineNumber, column }, end: { line: lineNumber, column: column + written.length } },
    'unspaced-prompt',
  )
}
