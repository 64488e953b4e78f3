// Rule `typed-prompt`: a Katacoda cell whose command starts with a prompt
// (`controlplane $ kubectl get pods`{{exec}}, `$ docker ps`{{execute}}). Katacoda typed it all
// into the terminal, and so does shellbook: the prompt runs as a command and is not found.
// Said before anything runs, at the command's line.
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { excerpt, warning } from '../messages.js'
import { readPrompt, type ExecCommand } from '../parse/index.js'

/** Commands that may take a lone `$` or `#` as an argument (`echo $ 5`): not a prompt before them. */
const takesSigils = new Set(['echo', 'printf', 'expr', 'test', 'let', 'read'])

export function checkTypedPrompts(tree: Root, file: VFile): void {
  let place: ReturnType<typeof location> | undefined
  const inspect = (command: ExecCommand) => {
    // Console blocks read their prompts apart (`prompt` is set); Katacoda cells are typed as written.
    if (command.prompt !== '') return
    const firstLine = command.command.split('\n')[0]!
    const read = readPrompt(firstLine)
    if (read === undefined || read.command.trim() === '' || read.prompt === '# ') return
    if (takesSigils.has(read.prompt.trim().split(/[\s$#]/)[0]!)) return
    // Commands carry lines and columns only: offsets make the place point at its text (indexed once, when needed).
    place ??= location(file)
    const startOffset = place.toOffset(command.position.start)
    const start = { ...command.position.start, ...(startOffset === undefined ? {} : { offset: startOffset }) }
    warning(
      file,
      `Unexpected prompt \`${read.prompt.trim()}\` typed with \`${excerpt(read.command.trim(), 40)}\`, expected the command alone: the terminal runs the prompt as a command`,
      { start, end: { line: start.line, column: start.column + read.prompt.length, ...(startOffset === undefined ? {} : { offset: startOffset + read.prompt.length }) } },
      'typed-prompt',
    )
  }
  visit(tree, (node) => {
    if (node.type === 'execInline' || node.type === 'execBlock') node.commands.forEach(inspect)
  })
}
