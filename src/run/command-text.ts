// The exact text a cell sends to its session: placeholders filled, `in=` turned into
// `docker exec -it`, a prompt's working directory entered first.
import { quote } from 'zx/core'
import { fillPlaceholders, type Cell } from '../plan/index.js'

/** A cell with its placeholders filled, and the line the session must run for it. */
export interface ResolvedCell {
  /** The command as shown to readers: `ps aux | grep 4242`. */
  command: string
  cwd?: string | undefined
  in?: string | undefined
  /** What the session runs. */
  line: string
}

/**
 * Fill placeholders from variable values (shell-quoted when they are not plain words).
 * A `norun` cell (`{{copy}}`) is text the reader copies: it keeps its `<name>` as written.
 */
export function resolveCell(cell: Cell, vars: Readonly<Record<string, string>>): ResolvedCell {
  const fill = (text: string) => (cell.options.norun ? text : fillPlaceholders(text, (name) => (Object.hasOwn(vars, name) ? quoteWord(vars[name]!) : undefined)))
  const command = fill(cell.command)
  const resolved: ResolvedCell = { command, line: command }
  const cwd = cell.cwd === undefined ? undefined : fill(cell.cwd)
  const container = cell.options.in === undefined ? undefined : fill(cell.options.in)
  if (cwd !== undefined) resolved.cwd = cwd
  if (container !== undefined) {
    resolved.in = container
    const workdir = cwd === undefined ? [] : ['-w', cwd]
    // A plain command (`ps`) runs as itself, as a reader would type it; anything with
    // shell syntax goes through the container's `sh -c`.
    const argv = /^[\w@%+=:,./ -]+$/.test(command) ? command.trim().split(/\s+/) : ['sh', '-c', command]
    resolved.line = ['docker', 'exec', '-it', ...workdir, container, ...argv].map(quoteWord).join(' ')
  } else if (cwd !== undefined) {
    // A prompt that names a directory runs there; like a terminal, the session stays there.
    resolved.line = `cd ${quoteDirectory(cwd)} && ${command}`
  }
  return resolved
}

/** Fill a variable's own expression from the values of the variables it names. */
export function resolveExpression(expression: string, vars: Readonly<Record<string, string>>): string {
  return fillPlaceholders(expression, (name) => (Object.hasOwn(vars, name) ? quoteWord(vars[name]!) : undefined))
}

/** Plain words (PIDs, names, paths) stay as typed; anything else is quoted. */
function quoteWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : quote(value)
}

/** `~/dir` must keep its tilde unquoted to expand. */
function quoteDirectory(directory: string): string {
  if (directory === '~') return '~'
  if (directory.startsWith('~/')) return `~/${quoteWord(directory.slice(2))}`
  return quoteWord(directory)
}
