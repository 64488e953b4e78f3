// What lesson prose may contain, for both outputs: one hast-util-sanitize schema (GitHub's,
// narrowed) and the URL check derived from it. The page is shellbook's, so prose is only
// trusted as far as a Markdown host would trust it: no scripts, no event handlers, no
// `javascript:`/`data:`/`vbscript:` URLs, no `style`, and none of shellbook's own classes —
// prose must not be able to fake a terminal block that looks captured.
import type { Element, Nodes } from 'hast'
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize'
import { visit } from 'unist-util-visit'

/**
 * GitHub's schema already allows what Katacoda/Killercoda prose uses — `details`/`summary`
 * (with `open`), `kbd`, `pre`, `samp`, `br`, and `img` with `src`, `alt`, `title`, `width`,
 * `height` — so it is kept as it is, except:
 * - protocols: `href` http, https, mailto; `src` http, https; anything else with a scheme is
 *   dropped (relative URLs and `#fragments` have none, and stay);
 * - elements whose content is code or raw text are removed with their content, not unwrapped
 *   into visible text (GitHub's list has only `script`).
 */
export const proseSchema: Schema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
  strip: ['script', 'style', 'template', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext'],
}

/** The prefix sanitising puts on prose `id`s and `name`s in pages (so they cannot clobber the page's globals). */
export const clobberPrefix = proseSchema.clobberPrefix ?? 'user-content-'

/**
 * The same policy for raw HTML kept in Markdown files, which is sanitised one tag at a time:
 * - no `ancestors` rule (a lone `<td>` cannot know it sits in a `<table>`; the rule is about
 *   tidy structure, not safety);
 * - no id prefix: the Markdown is shown by other hosts, which prefix ids themselves (GitHub
 *   does, and rewrites `#links` to match); a prefixed id would be prefixed twice there.
 */
export const markdownHtmlSchema: Schema = { ...proseSchema, ancestors: {}, clobberPrefix: '' }

/** `node` sanitised with `schema`; a list attribute left with no allowed value (`class="evil"`) goes, rather than staying as `class=""`. */
export function sanitizeWith(node: Nodes, schema: Schema): Nodes {
  const safe = sanitize(node, schema)
  visit(safe, 'element', (element) => {
    for (const [key, value] of Object.entries(element.properties)) if (Array.isArray(value) && value.length === 0) delete element.properties[key]
  })
  return safe
}

/** Whether a link's `href` (or an image's `src`) passes the policy: decided by the sanitiser itself, so both outputs agree. */
export function allowedUrl(url: string, attribute: 'href' | 'src'): boolean {
  const probe: Element = { type: 'element', tagName: attribute === 'href' ? 'a' : 'img', properties: { [attribute]: url }, children: [] }
  const safe = sanitizeWith(probe, proseSchema)
  return safe.type === 'element' && safe.properties[attribute] === url
}
