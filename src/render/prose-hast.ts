// The prose of a page, made safe: the author's raw HTML parsed into real elements (so
// `<details>` wraps the Markdown between its tags), then everything sanitised with the prose
// policy. Same-page links follow the ids the sanitiser prefixed.
import type { Root } from 'hast'
import { raw } from 'hast-util-raw'
import type { Schema } from 'hast-util-sanitize'
import { EXIT, visit } from 'unist-util-visit'
import { clobberPrefix, sanitizeWith } from './prose-policy.js'

/** `tree` as mdast-util-to-hast made it with `allowDangerousHtml`; `schema` is the prose policy (plus what the caller lets through). */
export function sanitizeProse(tree: Root, schema: Schema): Root {
  // Parsing the tree again as HTML (parse5) is most of the cost, and only raw HTML needs it.
  const safe = sanitizeWith(hasRaw(tree) ? raw(tree) : tree, schema)
  if (safe.type !== 'root') throw new Error(`Unexpected ${safe.type} from sanitising a root`)
  followPrefixedIds(safe)
  return safe
}

function hasRaw(tree: Root): boolean {
  let found = false
  visit(tree, 'raw', () => {
    found = true
    return EXIT
  })
  return found
}

/** `#step-2` → `#user-content-step-2` when that is an id on the page (GitHub does the same, in JavaScript). */
function followPrefixedIds(tree: Root): void {
  const ids = new Set<string>()
  visit(tree, 'element', (node) => {
    const id = node.properties['id']
    if (typeof id === 'string') ids.add(id)
  })
  visit(tree, 'element', (node) => {
    const href = node.properties['href']
    if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return
    const fragment = href.slice(1)
    if (!ids.has(fragment) && ids.has(clobberPrefix + decoded(fragment))) node.properties['href'] = `#${clobberPrefix}${fragment}`
  })
}

function decoded(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment // not valid percent-encoding: compare it as written
  }
}
