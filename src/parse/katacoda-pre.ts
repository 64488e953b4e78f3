// Katacoda's `<pre>` blocks followed by a marker: `<pre>docker ps</pre>{{execute}}`, also
// `<pre class="file">…</pre>{{execute}}` over several lines. Each line is a command (a `\`
// continues it), its text with HTML entities decoded; the block runs and renders as a
// terminal block, like a fence with a marker.
import type { Html } from 'mdast'
import type { ElementContent, RootContent } from 'hast'
import type { Position } from 'unist'
import { readCommand } from './command-lines.js'
import { htmlFragment } from './html-fragment.js'
import type { ExecCommand } from './types.js'
import type { ValuePoints } from './value-points.js'

/** A `<pre>` block and the marker after it, as found in an HTML node's value. */
export interface PreWithMarker {
  /** The text between `<pre …>` and `</pre>`, as written, and where it starts in the value. */
  content: string
  contentAt: number
  /** What stands between the marker's braces, and where that starts in the value. */
  body: string
  bodyAt: number
  /** Attributes in braces after the marker, when there are, and where they start. */
  attributes?: { text: string; at: number }
}

const preWithMarker = /^(<pre\b[^>]*>)([\s\S]*?)<\/pre\s*>[ \t]*\{\{([^{}\n]*)\}\}(\{[^{}\n]*\})?[ \t]*$/di

/** Read `<pre…>…</pre>{{…}}`: the whole value, nothing after the marker but spaces. */
export function readPreWithMarker(node: Html): PreWithMarker | undefined {
  const match = preWithMarker.exec(node.value)
  if (!match?.indices) return undefined
  const [, open = '', content = '', body = '', attributes] = match
  const found: PreWithMarker = { content, contentAt: open.length, body, bodyAt: match.indices[3]![0] }
  if (attributes !== undefined) found.attributes = { text: attributes, at: match.indices[4]![0] }
  return found
}

/** The commands of a `<pre>`'s content: one per line (blank lines skipped), entities decoded. */
export function preCommands(pre: PreWithMarker, points: ValuePoints): ExecCommand[] {
  const rows = pre.content.split('\n')
  const texts = rows.map((row) => decodeHtmlText(row).trimEnd())
  const rowStarts: number[] = []
  let at = pre.contentAt
  for (const row of rows) {
    rowStarts.push(at)
    at += row.length + 1
  }
  const commands: ExecCommand[] = []
  for (let index = 0; index < rows.length; index++) {
    if (texts[index]!.trim() === '') continue
    const command = readCommand(texts, index, texts[index]!)
    const first = rows[index]!
    const last = rows[command.last]!
    const position: Position = {
      start: points(rowStarts[index]! + /^\s*/.exec(first)![0].length),
      end: points(rowStarts[command.last]! + last.trimEnd().length),
    }
    commands.push({ command: command.text, prompt: '', position })
    index = command.last
  }
  return commands
}

/** The text a browser shows for a piece of HTML: entities decoded, tags (`<b>`, `<code>`) dropped. */
function decodeHtmlText(html: string): string {
  const texts: string[] = []
  const walk = (nodes: ReadonlyArray<RootContent | ElementContent>) => {
    for (const node of nodes) {
      if (node.type === 'text') texts.push(node.value)
      else if (node.type === 'element') walk(node.children)
    }
  }
  walk(htmlFragment(html).children)
  return texts.join('')
}
