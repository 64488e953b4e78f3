// After a composite is parsed: each script placeholder (`<!-- shellbook:script verify -->`,
// written by load-scenario.ts) becomes a hidden exec block carrying its script, and each
// heading shellbook wrote empty gets its label, for the renderer to fill in the page's language;
// the pages' own headings move under shellbook's (heading-levels.ts).
import type { Root, RootContent } from 'mdast'
import type { VFile } from 'vfile'
import type { ExecBlock } from '../../parse/index.js'
import { moveScenarioHeadings } from './heading-levels.js'
import type { HeadingLabel } from './types.js'

declare module 'mdast' {
  interface HeadingData {
    /** A heading shellbook wrote for a scenario, to be filled with this label. */
    shellbookLabel?: HeadingLabel
  }
}

/** Where a script waits for its own terminal: out of the reader's sessions, sharing the host. */
export const SCRIPT_SESSION = 'scripts'

export function attachScenarioNodes(tree: Root, file: VFile): void {
  const data = file.data.scenario
  if (!data) return
  tree.children = tree.children.map((node): RootContent => {
    const line = node.position?.start.line
    if (line === undefined) return node
    const script = data.scripts[line]
    if (node.type === 'html' && script) {
      const block: ExecBlock = {
        type: 'execBlock',
        lang: 'bash',
        // Foreground scripts are typed into terminal 1, as Katacoda did; the others get a terminal of their own.
        attributes: script.kind === 'foreground' ? { hidden: '' } : { hidden: '', session: SCRIPT_SESSION },
        commands: [{ command: script.command, prompt: '', position: node.position! }],
        script: { kind: script.kind, name: script.name, body: script.body },
      }
      if (node.position) block.position = node.position
      return block
    }
    const label = data.labels[line]
    if (node.type === 'heading' && label && node.children.length === 0) node.data = { ...node.data, shellbookLabel: label }
    return node
  })
  moveScenarioHeadings(tree, data.texts ?? [])
}
