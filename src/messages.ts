// Every problem a user sees is a positioned vfile message stamped from here: the builders
// (`error`, `warning`, `info`), the test for a fatal one, and the catalogue of rule ids,
// each with the one line the README's list of rules is checked against.
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/** The `source` of every message shellbook makes. */
export const messageSource = 'shellbook'

/** Rule id → what it reports, one line each. */
export const rules = {
  // Input: lesson folders, lesson.yaml, Markdown.
  'no-lessons': 'the lessons folder is missing',
  'unknown-lesson': 'a slug named on the command line has no lesson folder',
  'invalid-slug': 'a lesson folder\'s name cannot be a URL segment',
  'unreadable-file': 'a lesson file cannot be read (a folder, a broken or looping link, no permission)',
  'no-locale': 'a lesson has no `<locale>.md` file',
  'invalid-lesson-config': 'lesson.yaml is not valid YAML or does not fit its schema',
  'invalid-index-json': 'a scenario\'s index.json is not JSON or does not fit the Katacoda/Killercoda format',
  'scenario-file-missing': 'a file index.json names (a step, a script, an asset) cannot be read',
  'unsupported-backend': 'a scenario asks for a backend shellbook\'s Docker host cannot stand in for (a Kubernetes cluster)',
  'missing-translation': 'a scenario page has no translation in a locale its other pages are translated to',
  'unknown-source': 'lesson.yaml `source` names a locale with no Markdown file',
  'unknown-wait': 'a lesson.yaml `waits` entry names no command of the lesson',
  'too-deep': 'Markdown nested deeper than shellbook reads',
  'too-long': 'a line longer than shellbook reads',
  'unclosed-fence': 'a code block is still open at the end of the file',
  'katacoda-marker': 'a Katacoda marker shellbook does not know, or a word in one it cannot use',
  'second-host': 'a Katacoda `HOST2` marker: its terminal is another terminal on the one host',
  'spaced-marker': 'a space between inline code and its Katacoda marker',
  'missing-media': 'a picture the lesson shows from its own folder names no file there',
  'stray-marker': 'a Katacoda marker after text that is not code; it is left out of the page',
  'unspaced-prompt': 'a console line that looks like a prompt with no space after it (`$docker ps`)',
  'invalid-attribute': 'a cell option with a bad value, or malformed braces',
  'unknown-attribute': 'a cell option shellbook does not know',
  'invalid-val': '`:val[…]` without a variable name',
  'unknown-var': '`:val[name]` with no `name` under `vars`',
  'unbound-placeholder': 'a `<name>` placeholder with no variable',
  'quoted-placeholder': 'a `<name>` naming a variable where the shell reads text (quotes, heredoc, comment), so it is not filled',
  'var-cycle': 'variables that need each other',
  'unknown-cell': 'a lesson.yaml `claims` key or output variable names no cell of the lesson',
  'var-before-cell': 'a command uses an output variable before the cell it is read from',
  'unknown-container': '`in=` names a container the lesson neither creates nor declares',
  'unknown-directive': 'a `:::name` container directive shellbook does not know',
  // Translations and prose (check).
  'translation-diverges': 'a translation runs other commands or options than its source',
  'translation-missing-cell': 'a translation stops before its source\'s last command',
  'untranslated-prose': 'prose in another language than the file\'s locale',
  'glued-marker': 'a word glued to a Katacoda marker',
  'prose-drift': 'a value in prose comes from a sample output or an earlier capture that the real capture contradicts',
  'sample-changed': 'an author\'s sample output shows lines the real output no longer has',
  'prompt-not-run': 'a fenced block that does not run has lines that look like a prompt and a command',
  'typed-prompt': 'a Katacoda cell whose command starts with a prompt (`controlplane $ kubectl get pods`{{exec}}): the terminal would run the prompt as a command',
  // Captures.
  'corrupt-captures': 'captures.json cannot be read as shellbook wrote it',
  'stale-captures': 'captures.json no longer matches what the lesson runs',
  'secret-in-captures': 'captures.json holds something a secret detector masks',
  'needs-execution': 'a lesson must run, and no Docker engine answers',
  'lessons-locked': 'another build of the same lessons folder is running',
  // Running.
  'missing-image': 'an image a lesson needs cannot be made available',
  'container-exists': 'a container the lesson creates already exists on this machine\'s engine',
  'container-missing': 'the container an `in=` cell runs in is not running',
  'sandbox-create': 'the sandbox\'s volume or network could not be created',
  'sandbox-run': 'the sandbox container could not start',
  'sandbox-engine': 'the engine inside the sandbox did not answer, or the images did not load',
  'hostname-ignored': 'lesson.yaml `hostname` on the local host, which keeps this machine\'s name',
  'secret-missing': 'a lesson.yaml `secrets.env` variable is not set in the build\'s environment',
  'terminal-ended': '`exit` at the top of a terminal closed its shell',
  'session-failed': 'a terminal could not start, or was given up',
  'script-failed': 'a scenario\'s background or foreground script failed, or was still running at its bound',
  'verify-failed': 'a scenario step\'s verify script did not pass',
  'setup-failed': 'a lesson.yaml `setup` command failed',
  'teardown-failed': 'a lesson.yaml `teardown` command failed',
  'var-failed': 'a variable\'s expression failed or printed nothing',
  'var-unmatched': 'an output variable\'s pattern matches nothing in its cell\'s capture',
  'claim-failed': 'a cell\'s output does not hold what a claim says it holds',
  'unexpected-exit': 'a command exited with another status than expected; a command not found that begins with the prompt (`$ docker ps`) or names a key (`Ctrl+C`) says so and how to write it',
  'no-network': 'a command failed for lack of an outside network, which a lesson host has only with `network: true` (a warning when it still exited 0, its output showing the failure)',
  'cell-timeout': 'a command outlived its timeout; one left at a yes/no question names it',
  'editor-left': 'an editor the lesson opens (`nano notes.txt`) was left with nothing typed in it before the next command: what a reader types there is not in the lesson',
  'terminal-busy': 'a command was sent to a terminal still busy with one the lesson left running, which did not end',
  'wait-timeout': 'a lesson.yaml `waits` condition did not hold in time',
  'interrupted': 'the build was interrupted (Ctrl-C, SIGTERM) during the lesson',
} as const satisfies Record<string, string>

export type RuleId = keyof typeof rules

/** Where a message points: a point, a range, or nothing (a whole file or folder). */
export type Place = Point | Position | undefined

/**
 * Messages kept per rule and file; past it, one more says how many were left out. A lesson
 * with 20,000 broken `:val[` would otherwise print 40,000 lines and take the reporter seconds.
 */
export const MAX_MESSAGES_PER_RULE = 100

declare module 'vfile' {
  interface DataMap {
    /** How many messages of each rule the file was given, kept or not. */
    ruleCounts: Record<string, number>
  }
}

/** Options of the builders. */
export interface MessageOptions {
  /** Longer text shown under the reason (an output tail); the reason stays one line. */
  note?: string | undefined
}

/** A fatal message: the build or check fails. */
export function error(file: VFile, reason: string, place: Place, ruleId: RuleId, options: MessageOptions = {}): VFileMessage | undefined {
  return stamp(file, reason, place, ruleId, options, true)
}

/** A warning: reported, fails only with `--frail`. */
export function warning(file: VFile, reason: string, place: Place, ruleId: RuleId, options: MessageOptions = {}): VFileMessage | undefined {
  return stamp(file, reason, place, ruleId, options, false)
}

/** Information: reported, never fails. */
export function info(file: VFile, reason: string, place: Place, ruleId: RuleId, options: MessageOptions = {}): VFileMessage | undefined {
  return stamp(file, reason, place, ruleId, options, undefined)
}

/** True when any file carries a fatal message. */
export function hasFatal(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true))
}

/** True when any file carries a warning. */
export function hasWarning(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === false))
}

/** At most `max` characters of a command or value, on one line, for quoting in a reason. */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\r?\n/g, ' ⏎ ')
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/** The message, or undefined once the file has MAX_MESSAGES_PER_RULE of this rule (the next one says so, once). */
function stamp(file: VFile, reason: string, place: Place, ruleId: RuleId, options: MessageOptions, fatal: boolean | undefined): VFileMessage | undefined {
  const counts = (file.data.ruleCounts ??= {})
  const count = (counts[ruleId] = (counts[ruleId] ?? 0) + 1)
  if (count === MAX_MESSAGES_PER_RULE + 1) {
    const more = file.message(`Unexpected more than ${MAX_MESSAGES_PER_RULE} \`${ruleId}\` problems in this file, expected fewer; the others are not listed`, { place, ruleId, source: messageSource })
    more.fatal = fatal
  }
  if (count > MAX_MESSAGES_PER_RULE) return undefined
  const message = file.message(reason, { place, ruleId, source: messageSource })
  message.fatal = fatal
  if (options.note !== undefined && options.note !== '') message.note = options.note
  return message
}
