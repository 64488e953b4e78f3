// What a page shows for one command: its prompt and command as they ran, its real output,
// and localized notes when it failed, was skipped or cut. Shared by the HTML and Markdown
// renderers so both say the same thing.
import type { Nodes, Paragraph, Heading } from 'mdast'
import { visit } from 'unist-util-visit'
import type { ExecCommand, ExecInline } from '../parse/index.js'
import { fillPlaceholders } from '../plan/index.js'
import type { CellCapture } from '../captures/index.js'
import { plural } from './i18n.js'
import { chooseLines, type LineChoice } from './output-lines.js'
import type { CellNote, LessonContext, ShownCommand, ShownPiece } from './types.js'

/** A variable's captured value; own keys only (a variable named `constructor` is not a function). */
export function varValue(ctx: LessonContext, name: string): string | undefined {
  const vars = ctx.run?.vars
  return vars && Object.hasOwn(vars, name) ? vars[name] : undefined
}

/** The command as shown, or undefined for a hidden cell (it runs, it is never shown). */
export function showCommand(exec: ExecCommand, ctx: LessonContext): ShownCommand | undefined {
  const cell = exec.cellId === undefined ? undefined : ctx.cells.get(exec.cellId)
  if (cell?.options.hidden) return undefined
  const capture = exec.cellId === undefined ? undefined : ctx.run?.cells[exec.cellId]
  // Katacoda cells have no prompt of their own; a terminal shows one anyway.
  // A `norun` cell is shown as written, `<name>` and all (run-stage resolveCell keeps it too).
  const prompt = cell?.options.norun ? exec.prompt || '$ ' : fillPlaceholders(exec.prompt || '$ ', (name) => varValue(ctx, name))
  const base = exec.cellId === undefined ? {} : { cellId: exec.cellId, ...(cell ? { session: cell.options.session } : {}) }
  if (!capture) {
    // With no run at all, the page says so once; a single missing capture is said here.
    const expected = ctx.run !== undefined && cell !== undefined && !cell.options.norun
    const notes: CellNote[] = expected ? [{ kind: 'uncaptured', text: ctx.t('cell.notRun') }] : []
    return { ...base, prompt, command: exec.command, status: 'uncaptured', notes }
  }
  // Inside a nested shell or a program (`/ # `, `127.0.0.1:6379> `) the reader saw that prompt, whatever the lesson wrote.
  // Keys typed into a running program (`q` for top) met no prompt: a `$ ` would say a shell read them.
  const typedIntoProgram = cell?.options.keys === true && capture.prompt === undefined
  const shown: ShownCommand = { ...base, prompt: typedIntoProgram ? '' : capture.prompt ?? prompt, command: capture.command, status: capture.status, notes: notesFor(capture, ctx, cell?.options.timeoutMs) }
  const keys = cell?.options.keys ? controlKeyNames(cell.command) : undefined
  if (keys !== undefined) shown.keys = keys
  if ((capture.status === 'ok' || capture.status === 'failed') && capture.output !== '') {
    const pieces = shownOutput(screenOf(capture, ctx), cell?.options ?? {}, ctx)
    if (pieces.length > 0) shown.output = pieces
  }
  return shown
}

function screenOf(capture: CellCapture, ctx: LessonContext): string {
  const screen = ctx.screens.get(capture.cellId)
  if (screen === undefined) throw new Error(`Unexpected capture \`${capture.cellId}\` without its terminal screen, expected lessonContext() to compute it`)
  return screen
}

/** The screen's lines the cell shows (head, tail, lines, or the site's cap), each cut said in the page's language. */
function shownOutput(screen: string, choice: LineChoice, ctx: LessonContext): ShownPiece[] {
  return chooseLines(screen, choice, ctx.maxLines).map((piece) =>
    piece.kind === 'lines' ? piece : { ...piece, text: plural(ctx.t, ctx.plan.locale, 'output.linesCut', piece.count) },
  )
}

/** The commands of an exec node as shown, hidden ones left out. */
export function showCommands(commands: readonly ExecCommand[], ctx: LessonContext): ShownCommand[] {
  return commands.map((exec) => showCommand(exec, ctx)).filter((shown): shown is ShownCommand => shown !== undefined)
}

/** The terminal a block of commands was typed in, in words (`terminal 2`), when the lesson uses several and they share one. */
export function terminalLabel(commands: readonly ShownCommand[], ctx: LessonContext): string | undefined {
  const session = commands[0]?.session
  if (!ctx.manyTerminals || session === undefined || commands.some((shown) => shown.session !== session)) return undefined
  return ctx.t('block.terminal', { name: session })
}

/** What inline code shows in its sentence: its commands on one line, as a browser shows a code span over several. */
export function inlineText(shown: readonly ShownCommand[]): string {
  return shown.map((entry) => entry.command).join(' ').replace(/\n/g, ' ')
}

function notesFor(capture: CellCapture, ctx: LessonContext, timeoutMs: number | undefined): CellNote[] {
  const { t } = ctx
  const notes: CellNote[] = []
  if (capture.status === 'skipped') notes.push({ kind: 'skipped', text: t('cell.skipped') })
  if (capture.status === 'failed') {
    const expected = capture.expectedExit
    const text = capture.timedOut
      ? t('cell.timedOut', { seconds: formatSeconds(timeoutMs ?? capture.durationMs) })
      : capture.exitCode === null
        ? t('cell.noExitStatus', { expected })
        : t('cell.exitStatus', { actual: capture.exitCode, expected })
    notes.push({ kind: 'failed', text })
  }
  const ran = leftRunningNote(capture, ctx)
  if (ran) notes.push(ran)
  // A cell the lesson meant to stop (`{timeout=2 exit=130}`): say it was Ctrl-C, as a terminal shows ^C.
  else if (capture.status === 'ok' && capture.timedOut) {
    notes.push({ kind: 'stopped', text: t('cell.stoppedWithCtrlC', { seconds: formatSeconds(timeoutMs ?? capture.durationMs) }) })
  }
  if (capture.truncated && capture.status !== 'skipped') notes.push({ kind: 'truncated', text: t('cell.truncated') })
  return notes
}

/** How a command the lesson left running in its terminal ended, after how long (its duration). */
function leftRunningNote(capture: CellCapture, ctx: LessonContext): CellNote | undefined {
  const seconds = formatSeconds(capture.durationMs)
  switch (capture.leftRunning) {
    case 'still-running':
      return { kind: 'running', text: ctx.t('cell.stillRunning', { seconds }) }
    case 'ctrl-c':
      return { kind: 'stopped', text: ctx.t('cell.stoppedWithCtrlC', { seconds }) }
    // Left with the keys typed next (`q`, a line for redis-cli): the next command on the page shows them.
    case 'keys':
      return undefined
    case 'ended':
      return { kind: 'ended', text: ctx.t('cell.endedByItself', { seconds }) }
    case undefined:
      return undefined
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1)
}

/** Execs inside a paragraph or heading, also under emphasis or links, in document order. */
export function execInlinesIn(node: Nodes): ExecInline[] {
  const found: ExecInline[] = []
  visit(node, 'execInline', (exec) => {
    found.push(exec)
  })
  return found
}

/**
 * A paragraph that is nothing but commands (`` `docker top db`{{execute}} `` on its own line):
 * its terminal blocks say it all, so the paragraph itself is not repeated above them.
 */
export function isExecOnly(node: Paragraph | Heading): boolean {
  return node.type === 'paragraph'
    && node.children.some((child) => child.type === 'execInline')
    && node.children.every((child) => child.type === 'execInline' || child.type === 'break' || (child.type === 'text' && child.value.trim() === ''))
}

/** `^P^Q` → `Ctrl+P`, `Ctrl+Q`; `^[` → `Esc`. Undefined for keys that are text (`q`, `ihello`): those read as typed. */
export function controlKeyNames(keys: string): string[] | undefined {
  const text = keys.trim()
  if (!/^(?:\^[A-Z@[\\\]^_?])+$/.test(text)) return undefined
  return [...text.matchAll(/\^(.)/g)].map(([, key]) => (key === '[' ? 'Esc' : key === '?' ? 'Backspace' : `Ctrl+${key}`))
}
