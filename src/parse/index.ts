// Parse stage: lesson Markdown → mdast with exec nodes. The pipeline is built once,
// in a fixed order: Markdown + directives, then one plugin per lesson syntax, then
// unhandled directives back to text (last, so every syntax had its chance).
import type { Root } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { VFile } from 'vfile'
import { scanFences } from './katacoda-fences.js'
import { remarkConsoleBlocks } from './remark-console-blocks.js'
import { remarkDirectivesToText } from './remark-directives-to-text.js'
import { remarkKatacodaMarkers } from './remark-katacoda-markers.js'
import { remarkVal } from './remark-val.js'

export type { ExecBlock, ExecCommand, ExecInline, RawAttributes, Val } from './types.js'
export { parseAttributes } from './attributes.js'
export { consoleLanguages } from './remark-console-blocks.js'

/** The lesson Markdown processor, in its documented order. */
export function createProcessor() {
  return unified()
    .use(remarkParse)
    .use(remarkDirective)
    .use(remarkKatacodaMarkers)
    .use(remarkConsoleBlocks)
    .use(remarkVal)
    .use(remarkDirectivesToText)
}

/**
 * Parse one lesson file into mdast with exec nodes. Problems become messages on `file`
 * (an unclosed fence is an error; the rest of the tree is still returned).
 */
export async function parseLesson(file: VFile): Promise<Root> {
  const scan = scanFences(file)
  if (scan.unclosedAt) {
    const { line, fence } = scan.unclosedAt
    file.message(`Unexpected end of file inside the code block opened at line ${line}, expected a closing fence of ${fence.length} or more ${fence.startsWith('`') ? 'backticks' : 'tildes'}`, {
      place: { line, column: 1 }, ruleId: 'unclosed-fence', source: 'shellbook',
    }).fatal = true
  }
  file.data.fenceMarkers = scan.markers
  // Markers were blanked with spaces of the same length, so positions still match `file`.
  const processor = createProcessor()
  const tree = processor.parse(scan.source)
  return (await processor.run(tree, file)) as Root
}
