// Raw HTML kept in a Markdown file, sanitised one tag at a time. In Markdown the author's
// HTML comes in pieces between Markdown nodes (`<details><summary>…</summary>`, a paragraph,
// `</details>`; `<kbd>`, text, `</kbd>`), so parsing a piece into a tree would close what
// it opens and lose the end tags it has alone. Instead parse5's tokenizer splits it into
// tags and text, and everything written back is rebuilt: each start tag parsed and
// sanitised with the prose policy, end tags of allowed elements only, text escaped.
// Whatever the input, the output holds no tag, attribute or URL the policy refuses.
import type { Element } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { Tokenizer, TokenizerMode, type Token } from 'parse5'
import { markdownHtmlSchema, sanitizeWith } from './prose-policy.js'

/** An element removed with its content (`<script>`…) still open where a piece ends: what follows it is dropped until it closes. */
export interface OpenStrip {
  tagName: string
  depth: number
}

/** The tokenizer states the HTML parser switches to after these start tags (their content is text, not markup). */
const textModes = new Map<string, (typeof TokenizerMode)[keyof typeof TokenizerMode]>([
  ['script', TokenizerMode.SCRIPT_DATA],
  ['style', TokenizerMode.RAWTEXT], ['xmp', TokenizerMode.RAWTEXT], ['iframe', TokenizerMode.RAWTEXT],
  ['noembed', TokenizerMode.RAWTEXT], ['noframes', TokenizerMode.RAWTEXT], ['noscript', TokenizerMode.RAWTEXT],
  ['textarea', TokenizerMode.RCDATA], ['title', TokenizerMode.RCDATA],
  ['plaintext', TokenizerMode.PLAINTEXT],
])
const stripped = new Set(markdownHtmlSchema.strip ?? [])
// Allowed elements that have an end tag (not `br`, `img`…: the serialiser writes none for them either).
const closable = new Set((markdownHtmlSchema.tagNames ?? []).filter((name) => !stripped.has(name) && toHtml({ type: 'element', tagName: name, properties: {}, children: [] }).endsWith(`</${name}>`)))
const serialise = { characterReferences: { useNamedReferences: true } } as const

/** One piece of raw HTML, sanitised; `open` is what an earlier piece of the same parent left open. */
export function sanitizeHtmlPiece(value: string, open: OpenStrip | undefined): { html: string; open: OpenStrip | undefined } {
  let html = ''
  let text = ''
  const flush = () => {
    html += toHtml({ type: 'text', value: text }, serialise)
    text = ''
  }
  const addText = (token: Token.CharacterToken) => {
    if (!open) text += token.chars
  }
  const tokenizer: Tokenizer = new Tokenizer({ sourceCodeLocationInfo: true }, {
    onStartTag(token: Token.TagToken) {
      const mode = textModes.get(token.tagName)
      if (mode !== undefined) tokenizer.state = mode
      if (open) {
        if (token.tagName === open.tagName) open.depth += 1
      } else if (stripped.has(token.tagName)) {
        open = { tagName: token.tagName, depth: 1 }
      } else if (token.location) {
        flush()
        html += startTag(value.slice(token.location.startOffset, token.location.endOffset))
      }
    },
    onEndTag(token: Token.TagToken) {
      if (open) {
        if (token.tagName === open.tagName && --open.depth === 0) open = undefined
      } else if (closable.has(token.tagName)) {
        flush()
        html += `</${token.tagName}>`
      }
    },
    onCharacter: addText,
    onWhitespaceCharacter: addText,
    onNullCharacter() {},
    onComment() {},
    onDoctype() {},
    onEof: flush,
  })
  if (open) {
    // Go on reading the open element's content as the parser would, up to its end tag.
    const mode = textModes.get(open.tagName)
    if (mode !== undefined) {
      tokenizer.state = mode
      tokenizer.lastStartTagName = open.tagName
    }
  }
  tokenizer.write(value, true)
  return { html: escapeBrackets(html), open }
}

/** A lone start tag, parsed (attributes decoded, lists split) and sanitised; '' when the policy drops it. */
function startTag(source: string): string {
  const safe = sanitizeWith(fromHtml(source, { fragment: true }), markdownHtmlSchema)
  const element = safe.type === 'element' ? safe : safe.type === 'root' ? safe.children.find((node): node is Element => node.type === 'element') : undefined
  if (!element) return ''
  const tag = toHtml({ ...element, children: [] }, serialise)
  const close = `</${element.tagName}>`
  return tag.endsWith(close) ? tag.slice(0, -close.length) : tag
}

/**
 * `[` and `]` as character references: they read the same in HTML, but where a host treats
 * this piece as Markdown after all (its first tag was dropped), they cannot open a link.
 */
function escapeBrackets(html: string): string {
  return html.replaceAll('[', '&#x5B;').replaceAll(']', '&#x5D;')
}
