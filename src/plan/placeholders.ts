// `<name>` placeholders inside commands, prompts and `in=`: filled from lesson variables.
import type { Point, Position } from 'unist'
import { shellTextSpans } from '../shell/index.js'

/** A placeholder found in a text, with its character offset. */
export interface Placeholder {
  name: string
  offset: number
  length: number
}

const placeholderPattern = /<([A-Za-z_][\w-]*)>/g

/**
 * Every `<name>` in `text` that the shell would read as code, in order. There `<name>` can
 * only be a placeholder (as shell it is a broken redirection). Quoted strings, escaped
 * characters, comments and heredoc bodies are text (`echo "<b>"`, `cat <<EOF` writing
 * `<html>`), and so is the word right after `<<` (`cat <<EOF>out` names no placeholder).
 */
export function findPlaceholders(text: string): Placeholder[] {
  const textSpans = shellTextSpans(text)
  const found: Placeholder[] = []
  // Matches and spans both come in order: walk them together (a long line may hold thousands).
  let span = 0
  for (const match of text.matchAll(placeholderPattern)) {
    const offset = match.index
    while (span < textSpans.length && textSpans[span]!.end <= offset) span++
    const insideText = span < textSpans.length && textSpans[span]!.start <= offset
    if (text[offset - 1] === '<' || insideText) continue
    found.push({ name: match[1]!, offset, length: match[0].length })
  }
  return found
}

/** Every `<name>` in `text` that the shell reads as text (quoted, a heredoc body, a comment): never filled. */
export function findTextPlaceholders(text: string): Placeholder[] {
  const filled = new Set(findPlaceholders(text).map((placeholder) => placeholder.offset))
  return [...text.matchAll(placeholderPattern)]
    .filter((match) => !filled.has(match.index) && text[match.index - 1] !== '<')
    .map((match) => ({ name: match[1]!, offset: match.index, length: match[0].length }))
}

/** Replace every placeholder using `valueOf`; names it cannot fill are left as written. */
export function fillPlaceholders(text: string, valueOf: (name: string) => string | undefined): string {
  let filled = ''
  let from = 0
  for (const placeholder of findPlaceholders(text)) {
    filled += text.slice(from, placeholder.offset) + (valueOf(placeholder.name) ?? text.substr(placeholder.offset, placeholder.length))
    from = placeholder.offset + placeholder.length
  }
  return filled + text.slice(from)
}

/** Where a character offset of a (possibly multi-line) text lands, given where the text starts. */
export function pointAt(start: Point, text: string, offset: number): Point {
  const before = text.slice(0, offset).split('\n')
  if (before.length === 1) return { line: start.line, column: start.column + offset }
  return { line: start.line + before.length - 1, column: before.at(-1)!.length + 1 }
}

/** The range a placeholder covers. */
export function placeholderPosition(start: Point, text: string, placeholder: Placeholder): Position {
  return {
    start: pointAt(start, text, placeholder.offset),
    end: pointAt(start, text, placeholder.offset + placeholder.length),
  }
}
