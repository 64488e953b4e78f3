// Katacoda / Killercoda markers: `cmd`{{execute}}, `cmd`{{exec T2}}, `^C`{{execute ctrl-seq}},
// `cmd`{{copy}}…, the marker words in any order (katacoda-marker-words.ts); a fence closed
// with ```{{exec}} (see remark-katacoda-fences.ts); `<pre>cmd</pre>{{execute}}` (katacoda-pre.ts).
// A marker glued to the next word (`x`{{execute}}to find) is still a marker; the word stays
// prose. A space before the marker is accepted with a warning. What is left of marker text
// after that is taken out of the prose (stray-markers.ts).
import type { Code, Html, InlineCode, Parent, Root, Text } from 'mdast'
import type { Point } from 'unist'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { location, type Location } from 'vfile-location'
import { excerpt, warning } from '../messages.js'
import { commandPosition, readCommand } from './command-lines.js'
import { execBlock, execInline, readAttributes } from './exec-nodes.js'
import { inlineCommands } from './inline-code-lines.js'
import { isControlKeys, readMarkerWords, type MarkerReading } from './katacoda-marker-words.js'
import { preCommands, readPreWithMarker } from './katacoda-pre.js'
import { removeStrayMarkers } from './stray-markers.js'
import type { ExecCommand, RawAttributes } from './types.js'
import { valuePoints } from './value-points.js'

const inlineMarker = /^([ \t]*)\{\{([^{}\n]*)\}\}(\{[^{}\n]*\})?/

/** Turn Katacoda-marked inline code, fences and `<pre>` blocks into exec nodes. */
export function remarkKatacodaMarkers() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value)
    // Split once per file: a lesson has thousands of blocks.
    const sourceLines = source.split('\n')
    let place: Location | undefined
    // By paragraph (or heading, table cell): a code span over several lines needs the column its container's text starts at.
    visit(tree, (block) => {
      if (block.type !== 'paragraph' && block.type !== 'heading' && block.type !== 'tableCell') return
      const contentColumn = block.position?.start.column ?? 1
      visit(block, 'inlineCode', (node, index, parent) => {
        if (parent && index !== undefined) markInlineCode(node, index, parent, file, source, contentColumn)
      })
      return SKIP
    })
    const markers = file.data.fenceMarkers ?? {}
    visit(tree, 'code', (node, index, parent) => {
      const endLine = node.position?.end.line
      const marker = endLine === undefined ? undefined : markers[endLine]
      if (!parent || index === undefined || marker === undefined) return
      const at = { line: endLine!, column: marker.column }
      const reading = readMarkerWords(marker.body)
      if (!reading) {
        warning(file, `Unexpected marker \`{{${excerpt(marker.body.trim(), 40)}}}\`, expected \`{{execute}}\`, \`{{exec}}\`, \`{{copy}}\` or \`{{}}\``, at, 'katacoda-marker')
        return
      }
      const attributes = markerAttributes(reading, file, shift(at, 2), marker.attributes, marker.body.length)
      const commands = fenceCommands(node, sourceLines)
      checkControlKeys(reading, commands, file)
      parent.children[index] = execBlock(node, node.lang ?? null, attributes, commands)
    })
    visit(tree, 'html', (node: Html, index, parent) => {
      const pre = parent && index !== undefined ? readPreWithMarker(node) : undefined
      const reading = pre && readMarkerWords(pre.body)
      if (!pre || !reading || !parent || index === undefined) return
      place ??= location(file)
      const points = valuePoints(node, sourceLines, place)
      const attributes = markerAttributes(reading, file, points(pre.bodyAt), pre.attributes?.text, pre.body.length)
      const commands = preCommands(pre, points)
      checkControlKeys(reading, commands, file)
      parent.children[index] = execBlock(node, null, attributes, commands)
    })
    removeStrayMarkers(tree, file)
  }
}

/** Inline code followed by a marker (right after it, or after spaces, with a warning) becomes an exec node. */
function markInlineCode(node: InlineCode, index: number, parent: Parent, file: VFile, source: string, contentColumn: number): void {
  const next = parent.children[index + 1]
  if (next?.type !== 'text') return
  const match = inlineMarker.exec(next.value)
  const reading = match && readMarkerWords(match[2]!)
  if (!match || !reading) return
  const [whole, spaces = '', body = '', braces] = match
  const start = next.position?.start
  if (spaces !== '' && start) {
    warning(file, `Unexpected space between \`${excerpt(node.value, 40)}\` and its marker \`{{${excerpt(body, 40)}}}\`, expected the marker right after the code`, { start, end: shift(start, spaces.length) }, 'spaced-marker')
  }
  const bodyStart = start && shift(start, spaces.length + 2)
  const attributes = markerAttributes(reading, file, bodyStart, braces, body.length)
  const commands = inlineCommands(node, source, contentColumn)
  checkControlKeys(reading, commands, file)
  const inline = execInline(node, attributes, commands)
  parent.children[index] = inline
  consumeMarker(parent, index + 1, whole.length)
  const glued = gluedWord(next)
  if (glued) inline.gluedAt = glued
}

/**
 * The marker's attributes, then those in braces after it (`{{execute}}{in=db}`, which win);
 * each problem word is reported where it stands. `bodyStart` is the first character after `{{`.
 */
function markerAttributes(reading: MarkerReading, file: VFile, bodyStart: Point | undefined, braces: string | undefined, bodyLength: number): RawAttributes {
  for (const problem of reading.problems) {
    const place = bodyStart && { start: shift(bodyStart, problem.index), end: shift(bodyStart, problem.index + problem.length) }
    warning(file, problem.reason, place, problem.ruleId)
  }
  const after = braces === undefined ? {} : readAttributes(braces, file, bodyStart && shift(bodyStart, bodyLength + 2))
  return { ...reading.attributes, ...after }
}

/** `ctrl-seq` sends control keys: code that is not written as such (`^C`, `^D`) is worth a warning. */
function checkControlKeys(reading: MarkerReading, commands: readonly ExecCommand[], file: VFile): void {
  if (!reading.controlKeys) return
  for (const command of commands) {
    if (isControlKeys(command.command)) continue
    warning(file, `Unexpected \`${excerpt(command.command, 40)}\` with \`ctrl-seq\`, expected control keys written with a caret, such as \`^C\` or \`^D\``, command.position, 'katacoda-marker')
  }
}

/** A point further on the same line. */
function shift(point: Point, by: number): Point {
  const moved: Point = { line: point.line, column: point.column + by }
  if (point.offset !== undefined) moved.offset = point.offset + by
  return moved
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
  if (text.position) text.position.start = shift(text.position.start, length)
}

/** Where the prose left after a consumed marker starts, when it starts with a letter or digit. */
function gluedWord(rest: Text): Point | undefined {
  const start = rest.position?.start
  return start && /^[\p{L}\p{N}]/u.test(rest.value) ? { ...start } : undefined
}

/** A Katacoda fence runs each of its lines as one command, as if pasted into a terminal. */
function fenceCommands(node: Code, sourceLines: readonly string[]): ExecCommand[] {
  const lines = node.value.split('\n')
  const firstLine = (node.position?.start.line ?? 0) + 1
  const commands: ExecCommand[] = []
  for (let index = 0; index < lines.length; index++) {
    if (lines[index]!.trim() === '') continue
    const command = readCommand(lines, index, lines[index]!)
    commands.push({ command: command.text, prompt: '', position: commandPosition(sourceLines, firstLine, command) })
    index = command.last
  }
  return commands
}
