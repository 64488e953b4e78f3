// Captured output → hast: styled spans for ANSI runs, visible symbols for control characters.
// Output is untrusted (it can contain `<script>`): it only ever becomes text nodes, which
// hast-util-to-html escapes.
import type { ElementContent, Properties } from 'hast'
import { parseAnsi, type AnsiRun } from './ansi.js'
import { h, text } from './h.js'
import type { Translate } from './types.js'
import { codePoint, splitControls } from './visible-controls.js'
import { REDACTION_PATTERN } from '../captures/index.js'

export function ansiToHast(output: string, t: Translate): ElementContent[] {
  const nodes: ElementContent[] = []
  for (const run of parseAnsi(output)) {
    const children = visibleText(run.text, t)
    const properties = runProperties(run)
    if (properties) nodes.push(h('span', properties, children))
    else nodes.push(...children)
  }
  return nodes
}

function visibleText(value: string, t: Translate): ElementContent[] {
  return splitControls(value).flatMap((piece): ElementContent[] => {
    if (piece.kind === 'text') return withRedactions(piece.value, t)
    const title = piece.char === '\u0000' ? t('output.nul') : t('output.control', { code: codePoint(piece.char) })
    return [h('span', { className: ['ctrl'], title }, [piece.picture])]
  })
}

/** Text with each secret's mask (`⟦redacted:jwt:1⟧`) shown as a localized mark, read out by screen readers too. */
function withRedactions(value: string, t: Translate): ElementContent[] {
  const nodes: ElementContent[] = []
  let last = 0
  for (const match of value.matchAll(REDACTION_PATTERN)) {
    if (match.index > last) nodes.push(text(value.slice(last, match.index)))
    const [, kind, n] = match
    nodes.push(h('span', { className: ['redacted'], title: t('output.redactedTitle', { kind: kind! }) }, [t('output.redacted', { n: n! })]))
    last = match.index + match[0].length
  }
  if (last < value.length) nodes.push(text(value.slice(last)))
  return nodes
}

/** Inline colours (any of 16, 256 or 16M) and a class per decoration; undefined when plain. */
function runProperties(run: AnsiRun): Properties | undefined {
  const reverse = run.decorations.includes('reverse')
  // Reverse video swaps the colours; a missing one means the terminal's own (CSS variables).
  const fg = reverse ? run.bg ?? 'var(--term-bg-rgb)' : run.fg
  const bg = reverse ? run.fg ?? 'var(--term-fg-rgb)' : run.bg
  const style = [fg && `color:rgb(${fg})`, bg && `background-color:rgb(${bg})`].filter(Boolean).join(';')
  const classes = run.decorations.filter((name) => name !== 'reverse').map((name) => `ansi-${name}`)
  if (!style && classes.length === 0) return undefined
  const properties: Properties = {}
  if (classes.length > 0) properties.className = classes
  if (style) properties.style = style
  return properties
}
