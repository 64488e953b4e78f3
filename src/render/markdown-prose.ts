// The prose of a Markdown file made safe with the policy the pages use (prose-policy.ts):
// raw HTML sanitised tag by tag, and links and images whose URL the policy refuses replaced
// by their text, whether the URL is inline or in a definition.
import type { Parent, Root, RootContent } from 'mdast'
import { sanitizeHtmlPiece, type OpenStrip } from './markdown-html.js'
import { allowedUrl } from './prose-policy.js'

/** Sanitise `tree` in place; shellbook's own nodes (execs, values) are left as they are. */
export function sanitizeMarkdownProse(tree: Root): void {
  clean(tree, definedUrls(tree))
}

function clean(parent: Parent, urls: ReadonlyMap<string, string>): void {
  // A reference is refused when the URL of its definition would be; an unknown one is text anyway.
  const refused = (identifier: string, attribute: 'href' | 'src') => {
    const url = urls.get(identifier)
    return url !== undefined && !allowedUrl(url, attribute)
  }
  // A `<script>` opened by one piece of HTML takes what follows, up to its end tag, with it
  // (as the page's HTML parser does); it cannot reach beyond its parent.
  let open: OpenStrip | undefined
  parent.children = parent.children.flatMap((node): RootContent[] => {
    if (node.type === 'html') {
      const piece = sanitizeHtmlPiece(node.value, open)
      open = piece.open
      // Trimmed: a dropped first tag must not leave a blank line or an indent (an indented code block).
      const value = piece.html.trim()
      return value === '' ? [] : [{ ...node, value }]
    }
    if (open) return []
    if ('children' in node) clean(node, urls)
    switch (node.type) {
      case 'link':
        return allowedUrl(node.url, 'href') ? [node] : node.children
      case 'image':
        return allowedUrl(node.url, 'src') ? [node] : altText(node.alt)
      case 'linkReference':
        return refused(node.identifier, 'href') ? node.children : [node]
      case 'imageReference':
        return refused(node.identifier, 'src') ? altText(node.alt) : [node]
      case 'definition':
        // `href` allows the most (images take no `mailto:`): refused there, no use could keep it.
        return refused(node.identifier, 'href') ? [] : [node]
      default:
        return [node]
    }
  })
}

function altText(alt: string | null | undefined): RootContent[] {
  return alt ? [{ type: 'text', value: alt }] : []
}

/** The URL of each identifier: its first definition's, as Markdown resolves references. */
function definedUrls(tree: Root): Map<string, string> {
  const urls = new Map<string, string>()
  const walk = (node: RootContent | Root): void => {
    if (node.type === 'definition' && !urls.has(node.identifier)) urls.set(node.identifier, node.url)
    if ('children' in node) node.children.forEach(walk)
  }
  walk(tree)
  return urls
}
