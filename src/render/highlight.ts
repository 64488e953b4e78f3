// Command highlighting with shiki: one highlighter per build, only the bash grammar and one
// theme, loaded from the installed package (nothing fetched), with the JavaScript regex
// engine so no WebAssembly has to be loaded either. The same command is highlighted once:
// a lesson's locales share their commands, and so do lessons built from one template.
import type { ElementContent } from 'hast'
import { createHighlighterCoreSync, type HighlighterCore } from 'shiki/core'
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript'
import bash from 'shiki/langs/bash.mjs'
import githubDark from 'shiki/themes/github-dark.mjs'

export interface CommandHighlighter {
  /** Made at the first command highlighted: a build that renders no page compiles no grammar. */
  core: HighlighterCore | undefined
  /** Command → its spans, as first highlighted; bounded by `REMEMBERED_COMMANDS`. */
  spans: Map<string, ElementContent[]>
}

const theme = 'github-dark'
/** Commands remembered at most; past it the memory starts again (`shellbook dev` keeps one highlighter for hours). */
const REMEMBERED_COMMANDS = 20_000

/** Create a highlighter; pass it down (a build, or `shellbook dev` across its builds), never keep it in module state. */
export function createCommandHighlighter(): CommandHighlighter {
  return { core: undefined, spans: new Map() }
}

/** Let go of its grammar (a build that made its own highlighter, once its pages are rendered). */
export function disposeCommandHighlighter(highlighter: CommandHighlighter): void {
  highlighter.core?.dispose()
  highlighter.core = undefined
  highlighter.spans.clear()
}

/** Highlighted spans of a command (a copy the caller may change); continuation lines keep their `\n` so copying stays exact. */
export function highlightCommand(highlighter: CommandHighlighter, command: string): ElementContent[] {
  let spans = highlighter.spans.get(command)
  if (!spans) {
    highlighter.core ??= createHighlighterCoreSync({ themes: [githubDark], langs: [bash], engine: createJavaScriptRegexEngine() })
    spans = highlightOnce(highlighter.core, command)
    if (highlighter.spans.size >= REMEMBERED_COMMANDS) highlighter.spans.clear()
    highlighter.spans.set(command, spans)
  }
  return structuredClone(spans)
}

function highlightOnce(core: HighlighterCore, command: string): ElementContent[] {
  // TextMate grammars are super-linear on very long lines (a 20,000-character line took minutes):
  // past this length a line is shown unhighlighted, as shiki allows.
  // The token API, not codeToHast: a third of the cost per command, and spaces need no colour.
  const lines = core.codeToTokensBase(command, { lang: 'bash', theme, tokenizeMaxLineLength: 1000 })
  const spans: ElementContent[] = []
  lines.forEach((tokens, index) => {
    if (index > 0) spans.push({ type: 'text', value: '\n' })
    for (const token of tokens) {
      if (token.content.trim() === '') spans.push({ type: 'text', value: token.content })
      else spans.push({ type: 'element', tagName: 'span', properties: { style: tokenStyle(token.color, token.fontStyle) }, children: [{ type: 'text', value: token.content }] })
    }
  })
  return spans
}

/** The inline style shiki gives a token: its colour, and italic, bold or underline (FontStyle bits 1, 2, 4). */
function tokenStyle(color: string | undefined, fontStyle: number | undefined): string {
  const style = [`color:${color ?? 'inherit'}`]
  if (fontStyle && fontStyle & 1) style.push('font-style:italic')
  if (fontStyle && fontStyle & 2) style.push('font-weight:bold')
  if (fontStyle && fontStyle & 4) style.push('text-decoration:underline')
  return style.join(';')
}
