// Headings shellbook wrote empty for a scenario ("Step 3" for an untitled step, "Solution")
// get their text in the page's language, before the page and its Markdown are rendered.
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { Translate } from './types.js'

export function fillHeadingLabels(tree: Root, t: Translate): void {
  visit(tree, 'heading', (node) => {
    const label = node.data?.shellbookLabel
    if (!label || node.children.length > 0) return
    const text = label.kind === 'step' ? t('scenario.step', { n: label.step }) : t('scenario.answer')
    node.children = [{ type: 'text', value: text }]
  })
}
