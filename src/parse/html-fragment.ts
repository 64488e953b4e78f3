// Katacoda's `<pre>` blocks are read with an HTML parser (hast-util-from-html: parse5, ~70
// modules, some 80 ms to load) that most lessons never need: it is loaded on first use, so
// `shellbook check` of a Markdown lesson does not pay for it. With require(), which loads ES
// modules synchronously since Node 20.19, because the plugins that call this are synchronous.
import { createRequire } from 'node:module'
import type { Root } from 'hast'

const require = createRequire(import.meta.url)

/** `html` parsed as a fragment (no `<html>`/`<body>` added), as hast. */
export function htmlFragment(html: string): Root {
  const { fromHtml } = require('hast-util-from-html') as typeof import('hast-util-from-html')
  return fromHtml(html, { fragment: true })
}
