// A lesson as Markdown readable on any Markdown host: each command followed by its real
// output in a fenced `console` block (remark-stringify lengthens the fence when the output
// holds backticks), values filled in, Katacoda markers gone, provenance at the end. The
// prose is sanitised with the pages' policy first (markdown-prose.ts).
import { markdownMediaAddresses } from './lesson-media-files.js'
import type { BlockContent, Code, Parent, Root, RootContent } from 'mdast'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { stripAnsi } from './ansi.js'
import { provenanceView } from './provenance.js'
import { sanitizeMarkdownProse } from './markdown-prose.js'
import { execInlinesIn, inlineText, isExecOnly, showCommands, terminalLabel, varValue } from './shown-command.js'
import type { LessonContext, ShownCommand, ShownPiece, Translate } from './types.js'
import { showControls } from './visible-controls.js'
import { REDACTION_PATTERN } from '../captures/index.js'

export function lessonMarkdown(ctx: LessonContext): string {
  const { plan, run, t } = ctx
  const prose = structuredClone(plan.tree)
  sanitizeMarkdownProse(prose)
  markdownMediaAddresses(prose, plan)
  const body = prose.children.flatMap((node) => rewrite(node, ctx))
  const head: RootContent[] = []
  const first = plan.tree.children[0]
  if (!(first?.type === 'heading' && first.depth === 1)) {
    head.push({ type: 'heading', depth: 1, children: [{ type: 'text', value: plan.title }] })
  }
  if (!run) head.push(note(t('lesson.notRun')))
  const tree: Root = { type: 'root', children: [...head, ...body, ...(run ? provenance(ctx) : [])] }
  // No remark-directive here: the parser leaves no directive nodes, and its extension would
  // escape every `:` before a word (`05\:42`, `redis\:alpine`) for hosts that never read them.
  return unified().use(remarkStringify, { bullet: '-', fences: true, rule: '-' }).stringify(tree)
}

/** Replace shellbook nodes with plain Markdown; a node becomes zero, one or more nodes. */
function rewrite(node: RootContent, ctx: LessonContext): RootContent[] {
  switch (node.type) {
    case 'execInline': {
      const shown = showCommands(node.commands, ctx)
      return shown.length === 0 ? [] : [{ type: 'inlineCode', value: inlineText(shown) }]
    }
    case 'val': {
      const value = varValue(ctx, node.name)
      return [{ type: 'text', value: value ?? `⟨${node.name}⟩` }]
    }
    case 'execBlock':
      return consoleBlock(showCommands(node.commands, ctx), ctx)
  }
  if (!('children' in node)) return [node]
  // Collected before the children are rewritten: afterwards the execs are inline code.
  // One console block per inline code: one command per line it types.
  const after = node.type === 'paragraph' || node.type === 'heading'
    ? execInlinesIn(node).flatMap((exec) => consoleBlock(showCommands(exec.commands, ctx), ctx))
    : []
  if ((node.type === 'paragraph' || node.type === 'heading') && isExecOnly(node)) return after
  const parent: Parent = node
  parent.children = parent.children.flatMap((child) => rewrite(child, ctx))
  return [node, ...after]
}

/**
 * One `console` block for the commands, then their notes (naming the command when several). In a
 * lesson with several terminals the fence names its one (`title="terminal 2"`, as Docusaurus and
 * mkdocs-material show a code block's title).
 */
function consoleBlock(commands: ShownCommand[], ctx: LessonContext): BlockContent[] {
  if (commands.length === 0) return []
  const { t } = ctx
  const lines = commands.map((shown) => {
    // Keys pressed read as keys, not as a command to type (`Ctrl+P Ctrl+Q`).
    const input = shown.keys ? shown.keys.join(' ') : shown.prompt + shown.command
    return shown.output === undefined ? input : `${input}\n${plainOutput(shown.output, t)}`
  })
  const terminal = terminalLabel(commands, ctx)
  const code: Code = { type: 'code', lang: 'console', meta: terminal === undefined ? null : `title="${terminal.replace(/"/g, "'")}"`, value: lines.join('\n') }
  const notes = commands.flatMap((shown) =>
    shown.notes.map((entry) => (commands.length > 1 ? note(entry.text, shown.command) : note(entry.text))),
  )
  // A block of `norun` or `{{copy}}` cells says so, as the page's caption does: no output is not "printed nothing".
  if (commands.every((shown) => shown.status === 'norun')) notes.unshift(note(t('block.asWritten')))
  return [code, ...notes]
}

/** Output as plain text: no ANSI, controls visible (NUL as ␀), each cut a line of its own (`… 12 lines cut`), secrets as `[secret 1 redacted]`. */
function plainOutput(pieces: readonly ShownPiece[], t: Translate): string {
  const shown = (text: string) => showControls(stripAnsi(text)).replace(REDACTION_PATTERN, (_, _kind: string, n: string) => `[${t('output.redacted', { n })}]`)
  return pieces.map((piece) => (piece.kind === 'lines' ? shown(piece.text) : piece.text)).join('\n')
}

function note(text: string, command?: string): BlockContent {
  const prefix = command === undefined ? [] : [{ type: 'inlineCode' as const, value: command }, { type: 'text' as const, value: ' ' }]
  return { type: 'paragraph', children: [...prefix, { type: 'emphasis', children: [{ type: 'text', value: text }] }] }
}

function provenance(ctx: LessonContext): RootContent[] {
  if (!ctx.run) return []
  const view = provenanceView(ctx.run.provenance, ctx.plan.locale, ctx.t)
  const nodes: RootContent[] = [{ type: 'thematicBreak' }, note(view.summary)]
  if (view.images.length > 0) {
    nodes.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: view.images.map((image) => ({
        type: 'listItem',
        spread: false,
        children: [{
          type: 'paragraph',
          children: [
            { type: 'inlineCode', value: image.name },
            { type: 'text', value: ' ' },
            { type: 'inlineCode', value: image.id },
            ...(image.standIn ? [{ type: 'text' as const, value: ` — ${image.standIn}` }] : []),
          ],
        }],
      })),
    })
  }
  return nodes
}
