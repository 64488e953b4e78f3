// `<name>` placeholders inside commands, prompts and `in=`: filled from lesson variables.
import type { Point, Position } from 'unist'

/** A placeholder found in a text, with its character offset. */
export interface Placeholder {
  name: string
  offset: number
  length: number
}

const placeholderPattern = /<([A-Za-z_][\w-]*)>/g

/** Every `<name>` in `text`, in order. */
export function findPlaceholders(text: string): Placeholder[] {
  return [...text.matchAll(placeholderPattern)].map((match) => ({
    name: match[1]!,
    offset: match.index,
    length: match[0].length,
  }))
}

/** Replace every `<name>` using `valueOf`; names it cannot fill are left as written. */
export function fillPlaceholders(text: string, valueOf: (name: string) => string | undefined): string {
  return text.replace(placeholderPattern, (whole, name: string) => valueOf(name) ?? whole)
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
