// Reading one source line for the closing-fence scan (remark-katacoda-fences.ts): the block
// quote and list prefixes in front of it, and whether the rest opens or closes a fence.

/** What stands in front of a line's content. */
export interface LinePrefix {
  /** How many `>` quote it. */
  depth: number
  /** Whether it starts a list item (`- `, `1. `). */
  listMarker: boolean
  /** Width of the list markers and spaces after the last `>` (a tab counts 4). */
  indent: number
  /** The line after its last `>` (for closers: a closing fence never starts a list item). */
  quoted: string
  /** The line after every prefix: its content. */
  rest: string
}

// Sticky: read at an index, never by slicing (a raw line may be megabytes of `> > > …`: the
// input limits apply only after this scan).
const quoteMarker = / {0,3}> ?/y
const listItemMarker = /[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/y
const leadingSpaces = /[ \t]*/y
const openPattern = /^(`{3,}|~{3,})(.*)$/
const closePattern = /^([ \t]*)(`{3,}|~{3,})[ \t]*(?:(\{\{([^{}]*)\}\})(\{[^{}]*\})?[ \t]*)?$/

/** Strip `>` and list markers, in whatever order they nest. */
export function readLinePrefix(line: string): LinePrefix {
  let depth = 0
  let listMarker = false
  let quotedAt = 0
  let at = 0
  for (;;) {
    const quote = matchAt(quoteMarker, line, at)
    if (quote !== undefined) {
      depth += 1
      at = quotedAt = quote
      listMarker = false
      continue
    }
    const item = matchAt(listItemMarker, line, at)
    if (item === undefined || item === at) break
    listMarker = true
    at = item
  }
  const restAt = matchAt(leadingSpaces, line, at)!
  return { depth, listMarker, indent: width(line.slice(quotedAt, restAt)), quoted: line.slice(quotedAt), rest: line.slice(restAt) }
}

/** Where a sticky pattern's match at `at` ends; undefined when it does not match there. */
function matchAt(pattern: RegExp, line: string, at: number): number | undefined {
  pattern.lastIndex = at
  return pattern.test(line) ? pattern.lastIndex : undefined
}

/** The fence a line's content opens (```` ``` ````, `~~~`), if it does. */
export function openingFence(content: string): string | undefined {
  const match = openPattern.exec(content)
  // A backtick fence's info string may not contain backticks (CommonMark).
  if (!match || (match[1]!.startsWith('`') && match[2]!.includes('`'))) return undefined
  return match[1]
}

/** A closing fence, with the marker after it if there is one (index into the text given). */
export interface ClosingFence {
  fence: string
  indent: number
  marker?: { index: number; length: number; body: string; attributes?: string }
}

/** Read a closing fence (```` ``` ````, ```` ```{{execute}} ````, ```` ```{{exec}}{in=db} ````) after its quote markers. */
export function closingFence(quoted: string): ClosingFence | undefined {
  const match = closePattern.exec(quoted)
  if (!match) return undefined
  const [, spaces = '', fence = '', marker, body = '', attributes] = match
  const closing: ClosingFence = { fence, indent: width(spaces) }
  if (marker !== undefined) {
    const index = quoted.indexOf(marker, spaces.length + fence.length)
    closing.marker = { index, length: marker.length + (attributes?.length ?? 0), body }
    if (attributes !== undefined) closing.marker.attributes = attributes
  }
  return closing
}

function width(spaces: string): number {
  let total = 0
  for (const char of spaces) total += char === '\t' ? 4 : 1
  return total
}
