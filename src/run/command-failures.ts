// Why a command cell failed, said at its line in the words a reader can act on: a timeout
// (and a terminal given up when Ctrl-C did not help), a missing container for `in=`, a
// network the sandbox does not have, a question the lesson gives no answer to, or simply
// another exit status.
import { stripVTControlCharacters } from 'node:util'
import type { Position } from 'unist'
import { excerpt, warning, type RuleId } from '../messages.js'
import type { Cell, HostKind, LessonPlan } from '../plan/index.js'
import { readPrompt } from '../parse/index.js'
import type { ResolvedCell } from './command-text.js'
import { networkHint, reportNoNetwork } from './network-hint.js'
import { tail } from './output-tail.js'
import type { CommandResult } from './session/index.js'

export interface FailureContext {
  plan: LessonPlan
  hostKind: HostKind
  /** Fail the lesson with an error at `place`, an output tail as its note. */
  fail(reason: string, place: Position, ruleId: RuleId, note?: string): void
  /** Mark the lesson failed when the message was already given (no-network). */
  failed(): void
}

/** What `docker exec` prints when the container of an `in=` cell is not there or not running. */
const containerMissing = /^Error(?: response from daemon)?: (?:No such container|Container \S+ is not running)/m

/** Report the failed command `cell` (it ran as `resolved`, gave `result`); `givenUp` is why its terminal was given up, if it was. */
export function reportCommandFailure(ctx: FailureContext, cell: Cell, resolved: ResolvedCell, result: CommandResult, givenUp: string | undefined): void {
  const note = tail(result.output)
  const command = excerpt(resolved.command)
  if (result.timedOut) {
    const lost = givenUp === undefined ? '' : `; ${givenUp}, so terminal ${cell.options.session} was given up`
    const question = unansweredQuestion(result.output)
    const advice = question === undefined
      ? 'allow longer with `timeout=`, or add `stop-after=N` or `background` if the lesson means it to keep running'
      : `it waited for an answer to \`${excerpt(question)}\` the lesson does not give: write it as the next cell (\`y\`{{execute}}), or make the command not ask (\`-f\`, \`-y\`)`
    ctx.fail(
      `Unexpected timeout after ${cell.options.timeoutMs / 1000} s running \`${command}\`, expected it to finish (${advice})${lost}`,
      cell.position,
      'cell-timeout',
      note,
    )
  } else if (resolved.in !== undefined && containerMissing.test(result.output)) {
    // `docker exec` said so before the command ran: the container is the problem, not the command.
    ctx.fail(
      `Unexpected missing container \`${resolved.in}\` for \`in=${excerpt(cell.options.in ?? resolved.in, 40)}\`, expected it running: start it earlier in the lesson (\`docker run -d --name ${resolved.in} …\`) or in lesson.yaml \`setup\``,
      cell.position,
      'container-missing',
      note,
    )
  } else if (ctx.hostKind === 'sandbox' && !ctx.plan.config.network && reportNoNetwork(ctx.plan.file, cell.position, { command: resolved.command, output: result.output, exitCode: result.exitCode, expectedExit: cell.options.exit }, { note })) {
    ctx.failed()
  } else {
    const hint = result.exitCode === 127 ? notFoundHint(resolved.command) : ''
    ctx.fail(`Unexpected exit status ${result.exitCode ?? 'unknown'} from \`${command}\`, expected ${cell.options.exit}${hint}`, cell.position, 'unexpected-exit', note)
  }
}

/** A key written by name (`Ctrl+C`, `CTRL-D`, `Strg+C`): typed as text, the terminal runs it as a command. */
const keyName = /^\s*(?:ctrl|control|strg)\s*[-+]\s*([a-z@[\\\]^_])\s*$/i

/** Why a command was not found, when the cell's text says it: a prompt typed with it, or a key written by name. */
function notFoundHint(command: string): string {
  // `$ docker ps`{{execute}}, `controlplane $ kubectl get pods`: the prompt the author wrote is typed too (Katacoda did the same).
  const read = readPrompt(command.trimStart().split('\n')[0]!)
  if (read !== undefined && read.command.trim() !== '') return `: the command starts with the prompt \`${read.prompt}\`, which the terminal runs as a command; write the command without it`
  const key = keyName.exec(command)?.[1]
  if (key !== undefined) {
    const caret = `^${key.toUpperCase()}`
    return `: \`${command.trim()}\` names a key, which the terminal runs as a command; to press it, write \`${caret}\`{{execute ctrl-seq}} (or the cell option \`keys\`)`
  }
  return ''
}

/**
 * A command that succeeded though it could not reach the network (`apt-get update` warns and
 * exits 0, `curl -s … | head` hides the failure): its page would show the failure, so the author
 * hears of it, as a warning. A command expected to fail (`exit=1`) may mean it: nothing is said.
 */
export function warnNetworkInOutput(ctx: FailureContext, cell: Cell, resolved: ResolvedCell, result: CommandResult): void {
  if (ctx.hostKind !== 'sandbox' || ctx.plan.config.network || result.exitCode !== 0 || cell.options.exit !== 0) return
  const hint = networkHint(resolved.command, result.output)
  if (hint === undefined) return
  warning(ctx.plan.file, `Unexpected network failure in the output of \`${excerpt(resolved.command)}\`, though it exited 0 (the page shows it): ${hint}`, cell.position, 'no-network', { note: tail(result.output) })
}

/** `Are you sure you want to continue? [y/N]`, `Do you want to continue? [Y/n]`, `(yes/no)`: a question left on the output's last line. */
const yesNoQuestion = /[[(](?:y\/n|yes\/no)[\])]\s*[:?]?\s*$/i

/** The yes/no question a command was left waiting at, if its output ends with one. */
export function unansweredQuestion(output: string): string | undefined {
  const last = stripVTControlCharacters(output).replace(/\r/g, '').trimEnd().split('\n').at(-1) ?? ''
  return yesNoQuestion.test(last) ? last.trim() : undefined
}
