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
  core: HighlighterCore
  /** Command → its spans, as first highlighted; bounded by `REMEMBERED_COMMANDS`. */
  spans: Map<string, ElementContent[]>
}

const theme = 'github-dark'
/** Commands remembered at most; past it the memory starts again (`shellbook dev` keeps one highlighter for hours). */
const REMEMBERED_COMMANDS = 20_000

/** Create a highlighter; pass it down (a build, or `shellbook dev` across its builds), never keep it in module state. */
export function createCommandHighlighter(): CommandHighlighter {
  return { core: createHighlighterCoreSync({ themes: [githubDark], langs: [bash], engine: createJavaScriptRegexEngine() }), spans: new Map() }
}

/** Highlighted spans of a command (a copy the caller may change); continuation lines keep their `\n` so copying stays exact. */
export function highlightCommand(highlighter: CommandHighlighter, command: string): ElementContent[] {
  let spans = highlighter.spans.get(command)
  if (!spans) {
    spans = highlightOnce(highlighter.core, command)
    if (highlighter.spans.size >= REMEMBERED_COMMANDS) highlighter.spans.clear()
    highlighter.spans.set(command, spans)
  }
  return structuredClone(spans)
}

function highlightOnce(core: HighlighterCore, command: string): ElementContent[] {
  // TextMate grammars are super-linear on very long lines (a 20,000-character line took minutes):
  // past this length a line is shown unhighlighted, as shiki allows.
  const root = core.codeToHast(command, { lang: 'bash', theme, structure: 'inline', tokenizeMaxLineLength: 1000 })
  return root.children.flatMap((node): ElementContent[] => {
    if (node.type === 'element' && node.tagName === 'br') return [{ type: 'text', value: '\n' }]
    return node.type === 'element' || node.type === 'text' ? [node] : []
  })
}
