// A fenced block with lines that look like a prompt and a command, which shellbook does not
// run (another language, a first line that is no prompt): its "output" is whatever the author
// wrote, and on the page it would pass for a capture. Said once per block, at its first such line.
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warning } from '../messages.js'
import { looksLikePrompt } from '../parse/index.js'

export function checkPromptsNotRun(tree: Root, file: VFile): void {
  visit(tree, 'code', (node) => {
    const lines = node.value.split('\n')
    const index = lines.findIndex(looksLikePrompt)
    if (index === -1 || !node.position) return
    // The fence line comes first: the block's first line is the one after it.
    const line = node.position.start.line + 1 + index
    warning(
      file,
      `Unexpected prompt line \`${lines[index]!.slice(0, 60)}\` in a block that does not run, expected a console block (a \`console\` or \`bash\` fence whose first line is a prompt) to run it, or no prompt: the page shows this block as written, not run`,
      { start: { line, column: 1 }, end: { line, column: lines[index]!.length + 1 } },
      'prompt-not-run',
    )
  })
}
