// The one place exec nodes are built, for console blocks, Katacoda markers and `<pre>` blocks alike.
import type { InlineCode } from 'mdast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../messages.js'
import { parseAttributes } from './attributes.js'
import type { ExecBlock, ExecCommand, ExecInline, RawAttributes } from './types.js'

/** A block that runs (a fence, a `<pre>`), standing where `node` stood. */
export function execBlock(node: { position?: Position | undefined }, lang: string | null, attributes: RawAttributes, commands: ExecCommand[]): ExecBlock {
  const block: ExecBlock = { type: 'execBlock', lang, attributes, commands }
  if (node.position) block.position = node.position
  return block
}

/** Inline code that runs, replacing `node`, typing `commands` (see inline-code-lines.ts). */
export function execInline(node: InlineCode, attributes: RawAttributes, commands: ExecCommand[]): ExecInline {
  const inline: ExecInline = { type: 'execInline', value: node.value, attributes, commands }
  if (node.position) inline.position = node.position
  return inline
}

/** `{in=db exit=1}` as written after a marker or in fence meta; malformed braces are an error at `place`. */
export function readAttributes(text: string | null | undefined, file: VFile, place: Position['start'] | undefined): RawAttributes {
  const parsed = parseAttributes(text ?? '')
  if (parsed.ok) return parsed.attributes
  error(file, parsed.reason, place, 'invalid-attribute')
  return {}
}
