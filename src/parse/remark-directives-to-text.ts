// Directives nobody handled are turned back into the literal text the author wrote,
// so prose like `redis:alpine`, `3:17` or `n:th` survives. Only unknown container
// directives (`:::name`) are worth a warning: a colon inside a word is ordinary prose.
import type { Root, RootContent } from 'mdast'
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warning } from '../messages.js'

type Directive = ContainerDirective | LeafDirective | TextDirective

/** Replace every remaining directive with its source text. */
export function remarkDirectivesToText() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (!isDirective(node) || !parent || index === undefined) return
      const literal = sourceOf(node, file)
      if (node.type === 'textDirective') {
        // The literal is the exact source slice: it keeps the directive's place (prose drift points into it).
        parent.children.splice(index, 1, { type: 'text', value: literal, ...(node.position ? { position: node.position } : {}) })
        return SKIP
      }
      if (node.type === 'leafDirective') {
        const position = node.position ? { position: node.position } : {}
        parent.children.splice(index, 1, { type: 'paragraph', children: [{ type: 'text', value: literal, ...position }], ...position })
        return SKIP
      }
      warning(file, `Unexpected unknown directive \`:::${node.name}\`, expected one shellbook knows; its content is kept as is`, node.position, 'unknown-directive')
      // Keep the content: it is the author's prose.
      parent.children.splice(index, 1, ...(node.children as RootContent[]))
      return index
    })
  }
}

function isDirective(node: unknown): node is Directive {
  const type = (node as { type?: string }).type
  return type === 'textDirective' || type === 'leafDirective' || type === 'containerDirective'
}

/** The exact characters the author typed for this node. */
function sourceOf(node: Directive, file: VFile): string {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return `:${node.name}`
  return String(file.value).slice(start, end)
}
