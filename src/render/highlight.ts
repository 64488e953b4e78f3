// Command highlighting with shiki: one highlighter per build, only the bash grammar and one
// theme, loaded from the installed package (nothing fetched), with the JavaScript regex
// engine so no WebAssembly has to be loaded either.
import type { ElementContent } from 'hast'
import { createHighlighterCoreSync, type HighlighterCore } from 'shiki/core'
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript'
import bash from 'shiki/langs/bash.mjs'
import githubDark from 'shiki/themes/github-dark.mjs'

export type CommandHighlighter = HighlighterCore

const theme = 'github-dark'

/** Create a highlighter; pass it down (a build, or `shellbook dev` across its builds), never keep it in module state. */
export function createCommandHighlighter(): CommandHighlighter {
  return createHighlighterCoreSync({ themes: [githubDark], langs: [bash], engine: createJavaScriptRegexEngine() })
}

/** Highlighted spans of a command; continuation lines keep their `\n` so copying stays exact. */
export function highlightCommand(highlighter: CommandHighlighter, command: string): ElementContent[] {
  // TextMate grammars are super-linear on very long lines (a 20,000-character line took minutes):
  // past this length a line is shown unhighlighted, as shiki allows.
  const root = highlighter.codeToHast(command, { lang: 'bash', theme, structure: 'inline', tokenizeMaxLineLength: 1000 })
  return root.children.flatMap((node): ElementContent[] => {
    if (node.type === 'element' && node.tagName === 'br') return [{ type: 'text', value: '\n' }]
    return node.type === 'element' || node.type === 'text' ? [node] : []
  })
}
