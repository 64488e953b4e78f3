// Parse stage: lesson Markdown → mdast with exec nodes. The pipeline is built once, in a
// fixed order: Markdown (within input limits, Katacoda's closing-fence markers blanked before it reads) and
// directives, the Markdown inside raw `<details>` blocks, host port addresses made local, then one plugin per lesson syntax, then
// unhandled directives back to text (last, so every syntax had its chance). `parseLesson` is exactly this processor.
import type { Root } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { VFile } from 'vfile'
import { remarkConsoleBlocks } from './remark-console-blocks.js'
import { remarkDetailsMarkdown } from './remark-details-markdown.js'
import { remarkDirectivesToText } from './remark-directives-to-text.js'
import { remarkInputLimits } from './remark-input-limits.js'
import { remarkKatacodaEditorFiles } from './remark-katacoda-editor-files.js'
import { remarkKatacodaFences } from './remark-katacoda-fences.js'
import { remarkKatacodaMarkers } from './remark-katacoda-markers.js'
import { remarkTrafficLinks } from './remark-traffic-links.js'
import { remarkVal } from './remark-val.js'

export type { ExecBlock, ExecCommand, ExecInline, ExecScript, RawAttributes, Val } from './types.js'
export { parseAttributes } from './attributes.js'
export { markerNamePattern } from './katacoda-marker-words.js'
export { remarkDetailsMarkdown } from './remark-details-markdown.js'
export { consoleLanguages, remarkConsoleBlocks } from './remark-console-blocks.js'
export { looksLikePrompt, readPrompt } from './console-prompts.js'
export { isElision } from './sample-lines.js'
export { remarkDirectivesToText } from './remark-directives-to-text.js'
export { MAX_LINE_LENGTH, MAX_NESTING, remarkInputLimits } from './remark-input-limits.js'
export { remarkKatacodaEditorFiles } from './remark-katacoda-editor-files.js'
export { remarkKatacodaFences } from './remark-katacoda-fences.js'
export { remarkKatacodaMarkers } from './remark-katacoda-markers.js'
export { remarkTrafficLinks, withLocalAddresses } from './remark-traffic-links.js'
export { remarkVal } from './remark-val.js'

/** The lesson Markdown processor, in its documented order. */
export function createProcessor() {
  return unified()
    .use(remarkParse)
    .use(remarkInputLimits)
    .use(remarkKatacodaFences)
    .use(remarkDirective)
    .use(remarkDetailsMarkdown)
    .use(remarkTrafficLinks)
    .use(remarkKatacodaMarkers)
    .use(remarkKatacodaEditorFiles)
    .use(remarkConsoleBlocks)
    .use(remarkVal)
    .use(remarkDirectivesToText)
}

/**
 * Parse one lesson file into mdast with exec nodes. Problems become messages on `file`
 * (an unclosed fence is an error; the rest of the tree is still returned).
 */
export async function parseLesson(file: VFile): Promise<Root> {
  const processor = createProcessor()
  return (await processor.run(processor.parse(file), file)) as Root
}
