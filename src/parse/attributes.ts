// One grammar for cell options, shared by fence meta (```bash {in=db exit=1}) and
// Katacoda markers followed by braces: `{key=value key="two words" flag}`.
import type { RawAttributes } from './types.js'

/** Result of reading an attribute list: the attributes, or where and why it is malformed. */
export type AttributeParse =
  | { ok: true; attributes: RawAttributes }
  | { ok: false; offset: number; reason: string }

const pairPattern = /\s*([A-Za-z_][\w-]*)(?:=("[^"]*"|'[^']*'|[^\s"'}]+))?\s*/y

/** Parse `{…}` (braces included). An empty string gives no attributes. */
export function parseAttributes(text: string): AttributeParse {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, attributes: {} }
  const start = text.indexOf(trimmed)
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) {
    return { ok: false, offset: start, reason: `Unexpected \`${trimmed}\`, expected attributes in braces such as \`{in=db exit=1}\`` }
  }
  const body = trimmed.slice(1, -1)
  const attributes: RawAttributes = {}
  pairPattern.lastIndex = 0
  while (pairPattern.lastIndex < body.length) {
    const at = pairPattern.lastIndex
    const match = pairPattern.exec(body)
    if (!match || match[0] === '') {
      return { ok: false, offset: start + 1 + at, reason: `Unexpected \`${body.slice(at).trim()}\` in attributes, expected \`name\` or \`name=value\`` }
    }
    const [, name = '', rawValue] = match
    // defineProperty: `{__proto__=1}` must become an own (and then unknown) attribute, not a prototype.
    Object.defineProperty(attributes, name, { value: rawValue === undefined ? '' : unquote(rawValue), enumerable: true, writable: true, configurable: true })
  }
  return { ok: true, attributes }
}

function unquote(value: string): string {
  const first = value[0]
  return (first === '"' || first === "'") && value.endsWith(first) ? value.slice(1, -1) : value
}
