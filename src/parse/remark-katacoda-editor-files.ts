// Katacoda's "Copy to Editor" blocks: `<pre class="file" data-filename="Dockerfile"
// data-target="replace">…</pre>` put a file into the scenario's editor, and later commands
// (`docker build .`) need it. Each becomes a cell that writes the file through the terminal
// with a quoted heredoc, shown as such, so the reader sees both the file and how it got there.
// Relative names are taken from the editor's folder (index.json `environment.uieditorpath`,
// default `/root`, Katacoda's).
import type { Root } from 'mdast'
import type { Element, ElementContent } from 'hast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warning } from '../messages.js'
import { execBlock } from './exec-nodes.js'
import { htmlFragment } from './html-fragment.js'

declare module 'vfile' {
  interface DataMap {
    /** Folder Katacoda's editor opened files in (index.json `environment.uieditorpath`). */
    editorPath: string
  }
}

/** Katacoda's default editor folder. */
const DEFAULT_EDITOR_PATH = '/root'

export function remarkKatacodaEditorFiles() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined || !/^<pre\b[^>]*\bdata-filename=/i.test(node.value)) return
      const pre = preElement(node.value)
      const name = pre?.properties.dataFilename
      if (!pre || typeof name !== 'string' || name.trim() === '') return
      const target = String(pre.properties.dataTarget ?? 'replace')
      if (target !== 'replace' && target !== 'append') {
        warning(file, `Unexpected editor block with \`data-target="${target}"\`, expected \`replace\` or \`append\`; the file is shown, not written`, node.position, 'katacoda-marker')
        return
      }
      const command = writeCommand(editorTarget(name.trim(), file.data.editorPath ?? DEFAULT_EDITOR_PATH), textOf(pre.children), target === 'append')
      const position = node.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }
      parent.children[index] = execBlock(node, 'bash', {}, [{ command, prompt: '', position }])
    })
  }
}

function preElement(html: string): Element | undefined {
  const tree = htmlFragment(html)
  const first = tree.children.find((child): child is Element => child.type === 'element')
  return first?.tagName === 'pre' ? first : undefined
}

/** The text of the block: tags dropped (some authors wrap it in `<blockquote>`), entities decoded. */
function textOf(children: readonly ElementContent[]): string {
  let text = ''
  for (const child of children) {
    if (child.type === 'text') text += child.value
    else if (child.type === 'element') text += textOf(child.children)
  }
  return text.replace(/^\n/, '').replace(/\s+$/, '') + '\n'
}

/** `Dockerfile` → `/root/Dockerfile`; `~/x` and absolute paths stay as written. */
function editorTarget(name: string, editorPath: string): string {
  if (name.startsWith('/') || name.startsWith('~/')) return name
  return `${editorPath.replace(/\/+$/, '')}/${name.replace(/^\.\//, '')}`
}

/** `cat > path <<'EOF'` with a delimiter the content does not hold. */
function writeCommand(target: string, content: string, append: boolean): string {
  let delimiter = 'EOF'
  while (content.split('\n').includes(delimiter)) delimiter += '_'
  const word = (text: string) => (/^[\w@%+=:,./~-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`)
  const folder = target.slice(0, target.lastIndexOf('/'))
  // Katacoda's editor made the folders of a new file; the shell needs telling.
  const mkdir = folder === '' || folder === '~' || folder === '/root' ? '' : `mkdir -p ${word(folder)} && `
  return `${mkdir}cat ${append ? '>>' : '>'} ${word(target)} <<'${delimiter}'\n${content}${delimiter}`
}
