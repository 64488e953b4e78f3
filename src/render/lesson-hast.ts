// A lesson's mdast → hast, with handlers for shellbook's nodes. Inline execs keep their
// code in the sentence; their terminal blocks go right after the enclosing paragraph or
// heading (inside a list item when the paragraph is in one).
import type { Root as HastRoot, ElementContent } from 'hast'
import type { Heading, Paragraph } from 'mdast'
import { defaultHandlers, toHast, type Handlers, type State } from 'mdast-util-to-hast'
import type { ExecBlock, ExecInline, Val } from '../parse/index.js'
import { h } from './h.js'
import { execInlinesIn, isExecOnly, showCommand, varValue } from './shown-command.js'
import { terminalBlock, type TerminalEnv } from './terminal-block.js'
import type { LessonContext, ShownCommand } from './types.js'

export function lessonToHast(ctx: LessonContext, env: TerminalEnv): HastRoot {
  const withTerminals = (element: ElementContent, node: Paragraph | Heading): ElementContent | ElementContent[] => {
    const terminals = execInlinesIn(node)
      .map((exec) => showCommand(exec.exec, ctx))
      .filter((shown): shown is ShownCommand => shown !== undefined)
      .map((shown) => terminalBlock([shown], env))
    return isExecOnly(node) ? terminals : [element, ...terminals]
  }
  const handlers: Handlers = {
    paragraph: (state: State, node: Paragraph) => withTerminals(defaultHandlers.paragraph(state, node), node),
    heading: (state: State, node: Heading) => withTerminals(defaultHandlers.heading(state, node), node),
    execInline(_state: State, node: ExecInline) {
      const shown = showCommand(node.exec, ctx)
      return shown && h('code', { className: ['exec'] }, [shown.command])
    },
    execBlock(_state: State, node: ExecBlock) {
      const shown = node.commands.map((exec) => showCommand(exec, ctx)).filter((entry): entry is ShownCommand => entry !== undefined)
      return shown.length === 0 ? undefined : terminalBlock(shown, env)
    },
    val(_state: State, node: Val) {
      const value = varValue(ctx, node.name)
      if (value !== undefined) return h('span', { className: ['val'], title: node.name }, [value])
      return h('span', { className: ['val', 'val-missing'], title: ctx.t('val.missing', { name: node.name }) }, [`⟨${node.name}⟩`])
    },
  }
  const tree = toHast(ctx.plan.tree, { handlers })
  return tree.type === 'root' ? tree : { type: 'root', children: tree.type === 'doctype' ? [] : [tree] }
}
