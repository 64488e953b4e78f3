// The one place exec nodes are built, for console blocks and Katacoda markers alike.
import type { Code, InlineCode } from 'mdast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { error } from '../messages.js'
import { parseAttributes } from './attributes.js'
import type { ExecBlock, ExecCommand, ExecInline, RawAttributes } from './types.js'

/** A fenced block that runs, replacing `node`. */
export function execBlock(node: Code, attributes: RawAttributes, commands: ExecCommand[]): ExecBlock {
  const block: ExecBlock = { type: 'execBlock', lang: node.lang ?? null, attributes, commands }
  if (node.position) block.position = node.position
  return block
}

/** Inline code that runs, replacing `node`; the command starts one column after the opening backtick. */
export function execInline(node: InlineCode, attributes: RawAttributes): ExecInline {
  const start = node.position?.start ?? { line: 1, column: 1 }
  const end = node.position?.end ?? start
  const position: Position = { start: { line: start.line, column: start.column + 1 }, end: { line: end.line, column: Math.max(1, end.column - 1) } }
  const inline: ExecInline = { type: 'execInline', value: node.value, attributes, exec: { command: node.value, prompt: '', position } }
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
