// Katacoda markers: `cmd`{{execute}}, `cmd`{{execute T2}}, `cmd`{{execute interrupt}},
// `cmd`{{copy}}, and a fence closed with ```{{execute}} (see remark-katacoda-fences.ts).
// A marker glued to the next word (`x`{{execute}}to find) is still a marker; the word stays prose.
import type { Code, Parent, Root, Text } from 'mdast'
import type { Point } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warning } from '../messages.js'
import { commandPosition, readCommand } from './command-lines.js'
import { execBlock, execInline, readAttributes } from './exec-nodes.js'
import type { ExecBlock, ExecCommand, RawAttributes } from './types.js'

const inlineMarker = /^\{\{\s*(execute|copy)\b([^{}]*)\}\}(\{[^{}]*\})?/

/** Turn Katacoda-marked inline code and fences into exec nodes. */
export function remarkKatacodaMarkers() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'inlineCode', (node, index, parent) => {
      if (!parent || index === undefined) return
      const next = parent.children[index + 1]
      if (next?.type !== 'text') return
      const match = inlineMarker.exec(next.value)
      if (!match) return
      const attributes = markerAttributes(match[1]!, match[2]!, next, file)
      Object.assign(attributes, match[3] ? readAttributes(match[3], file, next.position?.start) : {})
      const inline = execInline(node, attributes)
      parent.children[index] = inline
      consumeMarker(parent, index + 1, match[0].length)
      const glued = gluedWord(next)
      if (glued) inline.gluedAt = glued
    })
    const markers = file.data.fenceMarkers ?? {}
    // Split once per file: a lesson has thousands of blocks.
    const sourceLines = String(file.value).split('\n')
    visit(tree, 'code', (node, index, parent) => {
      const endLine = node.position?.end.line
      const marker = endLine === undefined ? undefined : markers[endLine]
      if (!parent || index === undefined || marker === undefined) return
      const [, kind = '', rest = ''] = /^(\w+)(.*)$/.exec(marker) ?? []
      if (kind !== 'execute' && kind !== 'copy') {
        warning(file, `Unexpected marker \`{{${marker}}}\`, expected \`{{execute}}\` or \`{{copy}}\``, { line: endLine!, column: 1 }, 'katacoda-marker')
        return
      }
      parent.children[index] = toExecBlock(node, markerAttributes(kind, rest, node, file), sourceLines)
    })
  }
}

/** `execute T2 interrupt` → `{session: '2', interrupt: ''}`; `copy` → `{norun: ''}`. */
function markerAttributes(kind: string, words: string, node: Text | Code, file: VFile): RawAttributes {
  const attributes: RawAttributes = kind === 'copy' ? { norun: '' } : {}
  for (const word of words.trim().split(/\s+/).filter(Boolean)) {
    const terminal = /^T(\d+)$/.exec(word)
    if (terminal) attributes.session = terminal[1]!
    else if (word === 'interrupt') attributes.interrupt = ''
    else {
      warning(file, `Unexpected \`${word}\` in Katacoda marker, expected \`T<n>\` or \`interrupt\``, node.position, 'katacoda-marker')
    }
  }
  return attributes
}

/** Remove the marker from the text after the code; drop the text if nothing is left. */
function consumeMarker(parent: Parent, textIndex: number, length: number): void {
  const text = parent.children[textIndex] as Text
  const rest = text.value.slice(length)
  if (rest === '') {
    parent.children.splice(textIndex, 1)
    return
  }
  text.value = rest
  if (text.position) {
    text.position.start = {
      line: text.position.start.line,
      column: text.position.start.column + length,
      ...(text.position.start.offset === undefined ? {} : { offset: text.position.start.offset + length }),
    }
  }
}

/** Where the prose left after a consumed marker starts, when it starts with a letter or digit. */
function gluedWord(rest: Text): Point | undefined {
  const start = rest.position?.start
  return start && /^[\p{L}\p{N}]/u.test(rest.value) ? { ...start } : undefined
}

/** A Katacoda fence runs each of its lines as one command, as if pasted into a terminal. */
function toExecBlock(node: Code, attributes: RawAttributes, sourceLines: readonly string[]): ExecBlock {
  const lines = node.value.split('\n')
  const firstLine = (node.position?.start.line ?? 0) + 1
  const commands: ExecCommand[] = []
  for (let index = 0; index < lines.length; index++) {
    if (lines[index]!.trim() === '') continue
    const command = readCommand(lines, index, lines[index]!)
    commands.push({ command: command.text, prompt: '', position: commandPosition(sourceLines, firstLine, command) })
    index = command.last
  }
  return execBlock(node, attributes, commands)
}
