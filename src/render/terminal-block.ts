// One terminal block: for each command, its prompt, the highlighted command with a copy
// button (or the control keys pressed), the real output, and any note (failed, skipped, truncated).
import type { Element, ElementContent } from 'hast'
import { ansiToHast } from './ansi-to-hast.js'
import { h, text } from './h.js'
import { highlightCommand, type CommandHighlighter } from './highlight.js'
import type { ShownCommand, ShownPiece, Translate } from './types.js'

export interface TerminalEnv {
  highlighter: CommandHighlighter
  t: Translate
}

/** `terminal`: which terminal the commands were typed in (`terminal 2`), for a lesson that uses several. */
export function terminalBlock(commands: ShownCommand[], env: TerminalEnv, terminal?: string): Element {
  // Every block says what it is: output the machine printed, or commands only as written.
  const captured = commands.some((command) => command.status !== 'norun' && command.status !== 'uncaptured')
  const what = captured ? env.t('block.captured') : env.t('block.asWritten')
  const label = terminal === undefined ? what : `${what} · ${terminal}`
  const caption = h('figcaption', { className: ['truth', captured ? 'truth-captured' : 'truth-as-written'] }, [label])
  // One scroll region for the whole block: a wide output and its command scroll together.
  const screen = h('div', { className: ['screen'], tabIndex: 0 }, [h('div', { className: ['screen-lines'] }, commands.map((command) => entry(command, env)))])
  return h('figure', { className: ['terminal'], ariaLabel: `${env.t('lesson.terminal')}: ${label}` }, [caption, screen])
}

function entry(shown: ShownCommand, env: TerminalEnv): Element {
  const { t } = env
  const children: ElementContent[] = [shown.keys ? keysPressed(shown.keys, t) : commandInput(shown, env)]
  if (shown.output !== undefined) {
    children.push(h('pre', { className: ['output'], ariaLabel: t('lesson.output') }, [h('samp', {}, outputNodes(shown.output, t))]))
  }
  for (const note of shown.notes) children.push(h('p', { className: ['note', `note-${note.kind}`] }, [note.text]))
  const properties = { className: ['entry', `status-${shown.status}`], ...(shown.cellId === undefined ? {} : { dataCell: shown.cellId }) }
  return h('div', properties, children)
}

/** Control keys a reader presses (`Ctrl+P Ctrl+Q`): nothing to copy, no prompt. */
function keysPressed(keys: readonly string[], t: Translate): Element {
  const pressed = keys.flatMap((key, index): ElementContent[] => [...(index > 0 ? [text(' ')] : []), h('kbd', {}, [key])])
  return h('div', { className: ['input', 'keys'] }, [h('pre', { ariaLabel: t('cell.keysLabel') }, pressed)])
}

function commandInput(shown: ShownCommand, env: TerminalEnv): Element {
  const { t } = env
  return h('div', { className: ['input'] }, [
    h('pre', {}, [
      // No prompt for keys typed into a running program (shown-command.ts).
      ...(shown.prompt === '' ? [] : [h('span', { className: ['prompt'] }, [shown.prompt])]),
      h('code', { className: ['command', 'language-bash'] }, highlightCommand(env.highlighter, shown.command)),
    ]),
    // After the command, never over it; hidden until the script runs: without JavaScript it could do nothing.
    h('button', { type: 'button', className: ['copy'], hidden: true, title: t('cell.copyLabel'), ariaLabel: t('cell.copyLabel'), dataCopied: t('cell.copied') }, [t('cell.copy')]),
  ])
}

/** Shown lines with their colours; a cut is a line of its own, marked so it reads as shellbook's, not the program's. */
function outputNodes(pieces: readonly ShownPiece[], t: Translate): ElementContent[] {
  return pieces.flatMap((piece, index) => [
    ...(index > 0 ? [text('\n')] : []),
    ...(piece.kind === 'lines' ? ansiToHast(piece.text, t) : [h('span', { className: ['cut'] }, [piece.text])]),
  ])
}
