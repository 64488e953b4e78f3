// A lesson's mdast → hast, with handlers for shellbook's nodes. Inline execs keep their
// code in the sentence; their terminal blocks go right after the enclosing paragraph or
// heading (inside a list item when the paragraph is in one). The prose, raw HTML included,
// is sanitised with the prose policy; shellbook's own nodes are held aside while it is
// (trusted-slots.ts), so their classes and inline colours never need allowing in prose.
import type { Root as HastRoot, ElementContent } from 'hast'
import type { Code, Heading, Paragraph } from 'mdast'
import { defaultHandlers, toHast, type Handlers, type State } from 'mdast-util-to-hast'
import { looksLikePrompt, type ExecBlock, type ExecInline, type Val } from '../parse/index.js'
import { h } from './h.js'
import { sanitizeProse } from './prose-hast.js'
import { proseSchema } from './prose-policy.js'
import { execInlinesIn, inlineText, isExecOnly, showCommands, terminalLabel, varValue } from './shown-command.js'
import { terminalBlock, type TerminalEnv } from './terminal-block.js'
import { createTrustedSlots } from './trusted-slots.js'
import type { LessonContext } from './types.js'

export function lessonToHast(ctx: LessonContext, env: TerminalEnv): HastRoot {
  const slots = createTrustedSlots()
  const withTerminals = (element: ElementContent, node: Paragraph | Heading): ElementContent | ElementContent[] => {
    // One terminal block per inline code: one entry per line it types.
    const terminals = execInlinesIn(node)
      .map((exec) => showCommands(exec.commands, ctx))
      .filter((shown) => shown.length > 0)
      .map((shown) => slots.hold(terminalBlock(shown, env, terminalLabel(shown, ctx))))
    return isExecOnly(node) ? terminals : [element, ...terminals]
  }
  const handlers: Handlers = {
    paragraph: (state: State, node: Paragraph) => withTerminals(defaultHandlers.paragraph(state, node), node),
    heading: (state: State, node: Heading) => withTerminals(defaultHandlers.heading(state, node), node),
    execInline(_state: State, node: ExecInline) {
      const shown = showCommands(node.commands, ctx)
      return shown.length === 0 ? undefined : slots.hold(h('code', { className: ['exec'] }, [inlineText(shown)]))
    },
    execBlock(_state: State, node: ExecBlock) {
      const shown = showCommands(node.commands, ctx)
      return shown.length === 0 ? undefined : slots.hold(terminalBlock(shown, env, terminalLabel(shown, ctx)))
    },
    code(state: State, node: Code) {
      const block = defaultHandlers.code(state, node)
      // Prompt lines in a block that does not run: said, so its lines never pass for a capture.
      if (!node.value.split('\n').some(looksLikePrompt)) return block
      const label = ctx.t('block.asWritten')
      return slots.hold(h('figure', { className: ['as-written'], ariaLabel: label }, [h('figcaption', { className: ['truth', 'truth-as-written'] }, [label]), block]))
    },
    val(_state: State, node: Val) {
      const value = varValue(ctx, node.name)
      if (value !== undefined) return slots.hold(h('span', { className: ['val'], title: node.name }, [value]))
      return slots.hold(h('span', { className: ['val', 'val-missing'], title: ctx.t('val.missing', { name: node.name }) }, [`⟨${node.name}⟩`]))
    },
  }
  // Raw HTML nodes are kept (allowDangerousHtml) only to be parsed and sanitised right after;
  // no id prefix here, the sanitiser adds it (else prose ids would get it twice).
  const tree = toHast(ctx.plan.tree, { handlers, allowDangerousHtml: true, clobberPrefix: '' })
  const root: HastRoot = tree.type === 'root' ? tree : { type: 'root', children: tree.type === 'doctype' ? [] : [tree] }
  return slots.fill(sanitizeProse(root, slots.allowIn(proseSchema)))
}
