// `:val[name]` in prose: the live value of a lesson variable, so the text never
// contradicts the output beside it.
import type { Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Val } from './types.js'
import { excerpt, warning } from '../messages.js'

/** Turn `:val[name]` text directives into `val` nodes. */
export function remarkVal() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'textDirective', (node, index, parent) => {
      if (node.name !== 'val' || !parent || index === undefined) return
      const name = toString(node).trim()
      if (!/^[A-Za-z_][\w-]*$/.test(name)) {
        warning(file, `Unexpected \`:val[${excerpt(name, 40)}]\`, expected a variable name such as \`:val[ppid]\``, node.position, 'invalid-val')
      }
      const val: Val = { type: 'val', name }
      if (node.position) val.position = node.position
      parent.children[index] = val
    })
  }
}
