// `<name>` placeholders inside commands, prompts and `in=`: filled from lesson variables.
import type { Point, Position } from 'unist'

/** A placeholder found in a text, with its character offset. */
export interface Placeholder {
  name: string
  offset: number
  length: number
}

const placeholderAt = /<([A-Za-z_][\w-]*)>/y

/**
 * Every unquoted `<name>` in `text`, in order. Unquoted, `<name>` can only be a
 * placeholder (as shell it is a broken redirection); quoted (`echo "<b>"`) it is text.
 */
export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = []
  let quote: '"' | "'" | undefined
  for (let offset = 0; offset < text.length; offset++) {
    const char = text[offset]
    if (char === '\\' && quote !== "'") offset++
    else if (quote) quote = char === quote ? undefined : quote
    else if (char === '"' || char === "'") quote = char
    else if (char === '<') {
      placeholderAt.lastIndex = offset
      const match = placeholderAt.exec(text)
      if (match) found.push({ name: match[1]!, offset, length: match[0].length })
    }
  }
  return found
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
