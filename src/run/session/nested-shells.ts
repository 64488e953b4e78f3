// Shells a lesson starts inside its terminal: `docker exec -it box sh`, `unshare --fork --pid
// --mount-proc sh`, `su -`, `chroot /mnt bash`. The reader types into them; so do we. They are
// POSIX shells we did not start (dash, busybox ash, bash), so they are framed without bash's
// PROMPT_COMMAND: after each command, `printf` prints the same sentinel the top shell's prompt
// carries (see framing.ts), and the scanner reads both alike.

import { dockerRunsInside, shellImages, shellProgram } from '../../plan/index.js'
import { simpleCommands } from '../../shell/index.js'
import type { ShellPlace } from './framing.js'

/** The prompt a reader sees inside a nested shell (`/ # `), '' when none was seen. */
export interface NestedPrompt {
  prompt: string
  /** Where the shell was when it showed `prompt`; undefined if it did not say. */
  openedIn: ShellPlace | undefined
}

/** Options a shell may get and still be interactive (`bash -l`, `sh -i`); `-c` or a script means it is not. */
const interactiveShellOption = /^(?:-[ilsE]+|--login|--norc|--noprofile|--posix)$/

/** Words of a command, outside quotes only roughly: enough to tell what program it ends by running. */
function words(command: string): string[] {
  return command.trim().split(/\s+/).filter(Boolean)
}

/** True when `words` end by running an interactive shell: `… sh`, `… bash -l`. */
function endsWithShell(list: readonly string[]): boolean {
  let end = list.length
  while (end > 0 && interactiveShellOption.test(list[end - 1]!)) end--
  return end > 0 && shellProgram.test(list[end - 1]!)
}

/**
 * Whether a command (one line, as typed) most likely leaves the reader inside another
 * interactive shell. It is a guess the session then checks: the shell must answer a `printf`.
 */
export function opensShell(typed: string): boolean {
  // `docker stop web && \⏎ docker run … && \⏎ docker exec -it web bash`: the chain ends in the shell.
  const chain = typed.replace(/\\\r?\n/g, ' ').split(/\s*(?:&&|;)\s*/)
  if (chain.length > 1 && !/[|<>`\n]|\$\(/.test(chain.slice(0, -1).join(' '))) return chain.at(-1) !== '' && opensShell(chain.at(-1)!)
  // `bash --rcfile <(echo "PS1='ns> '")` is still an interactive bash: only its prompt differs.
  const command = typed.replace(/\s--(?:rcfile|init-file)\s+(?:<\((?:[^()]|\([^()]*\))*\)|'[^']*'|"[^"]*"|[^\s|;&<>()]+)/g, '')
  if (command.includes('\n') || /[|;&<>`]|\$\(/.test(command)) return false
  const list = words(command).filter((word, index, all) => !(index === 0 && word === 'sudo') && !(all[0] === 'sudo' && index > 0 && index < 3 && /^-[EH]$/.test(word)))
  const program = list[0] ?? ''
  if (endsWithShell(list)) {
    if (shellProgram.test(program) && list.length === 1) return true
    if (shellProgram.test(program)) return list.slice(1).every((word) => interactiveShellOption.test(word))
    if (program === 'docker' || program === 'podman') return /\s-(?:it|ti|i\s+-t|t\s+-i)\b/.test(command) || /\s--interactive\b.*\s--tty\b/.test(command)
    if (['unshare', 'nsenter', 'chroot', 'su', 'ip', 'env', 'setsid', 'runuser', 'chrt', 'nice', 'sudo', 'systemd-run'].includes(program)) return true
    // A container built from scratch in the lesson: `go run main.go run bash`, `./container run sh`.
    return (program === 'go' && list[1] === 'run') || /^\.{1,2}\/\S+$/.test(program)
  }
  // With no program named, these run the user's shell.
  if (program === 'su') return list.every((word) => !word.startsWith('-c'))
  if (program === 'docker' || program === 'podman') return runsImageShell(command)
  if (command.trim() === 'sudo -i' || command.trim() === 'sudo -s' || /^sudo\s+su(\s+-)?(\s+\w+)?$/.test(command.trim())) return true
  if (program === 'unshare' || program === 'nsenter') return list.slice(1).every((word) => word.startsWith('-') || /^\d+$/.test(word))
  if (program === 'chroot') return list.length === 2
  return false
}

/** `docker run -it ubuntu`: an interactive run of an OS image with no command of its own. */
function runsImageShell(command: string): boolean {
  const words = simpleCommands(command)[0]?.words ?? []
  const inside = dockerRunsInside(words)
  return inside !== undefined && inside.verb === 'run' && inside.interactive && !inside.detached && inside.inner.length === 0 && shellImages.test(inside.target.text)
}

/** `exit`, `exit 3`, `logout`: the reader leaves the shell they are in. */
export function leavesShell(command: string): boolean {
  return /^\s*(?:exit|logout)(?:\s+\d+)?\s*;?\s*$/.test(command)
}

/** `exec bash`: the shell is replaced by a new one, and the terminal goes on in it. */
export function replacesShell(command: string): boolean {
  return /^\s*exec\s+(?:\/(?:usr\/)?bin\/)?bash(?:\s+-[il]+)?\s*$/.test(command)
}

/** Quote for a POSIX shell: '…', with ' written as '\''. */
export function posixQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/**
 * Typed once inside a nested shell: no echo (as at the top), no prompts, then a sentinel for
 * number `seq` so the session knows the shell answers. `stty` may be missing (distroless): its
 * error is hidden and the echo then shows in the output, which is still correct.
 */
export function nestedSetupLine(token: string, seq: number): string {
  // A nested bash has readline on (it would echo and redraw); other shells may not know the option.
  const readlineOff = 'set +o emacs 2>/dev/null; set +o vi 2>/dev/null'
  return `stty -echo 2>/dev/null; ${readlineOff}; PS1=''; PS2=''; ${placedSentinel(token, seq)}\n`
}

/** The status a reader asked `exit` for: `exit 3` → 3; a plain `exit` leaves, which is all it is for. */
export function exitStatusAsked(command: string): number {
  const asked = /\d+/.exec(command)
  return asked ? Number(asked[0]) : 0
}

/** A cell typed inside a nested shell: one eval (one status), then the sentinel with that status. */
export function nestedFrame(command: string, token: string, seq: number): string {
  return `eval ${posixQuote(command)}; ${placedSentinel(token, seq)}\n`
}

/** The sentinel with the status, then where the shell is (home GS working directory): its prompt names the directory. */
function placedSentinel(token: string, seq: number): string {
  return `printf '\\036shellbook:%s:%s:%s:%s\\035%s\\037' ${token} ${seq} "$?" "$HOME" "$PWD"`
}

/**
 * The prompt a nested shell shows in `now`, from the one it showed where it opened (`opened`):
 * the directory in it, written as the shell wrote it (`/ # `, `root@box:/app# `, `~ $ `,
 * `[root@box app]# `), becomes the new one. A prompt that shows no directory (`bash-5.1# `)
 * stays as it was; so does one whose directory cannot be told apart.
 */
export function promptIn(prompt: string, opened: ShellPlace, now: ShellPlace): string {
  if (now.pwd === opened.pwd) return prompt
  const forms: Array<(place: ShellPlace) => string> = [fullPath, homeShortened, baseName]
  for (const form of forms) {
    const written = form(opened)
    const at = directoryIn(prompt, written)
    if (at !== undefined) return prompt.slice(0, at) + form(now) + prompt.slice(at + written.length)
  }
  return prompt
}

const fullPath = (place: ShellPlace) => place.pwd
const homeShortened = (place: ShellPlace) =>
  place.home !== '' && place.home !== '/' && (place.pwd === place.home || place.pwd.startsWith(`${place.home}/`)) ? `~${place.pwd.slice(place.home.length)}` : place.pwd
const baseName = (place: ShellPlace) => (place.pwd === '/' ? '/' : (place.pwd.split('/').at(-1) ?? place.pwd))

/** Where `directory` stands alone in `prompt` (after its start, a space, `:`, `[` or `@`; before a space, `#`, `$`, `>`, `%`, `]` or `)`), the last such place. */
function directoryIn(prompt: string, directory: string): number | undefined {
  if (directory === '') return undefined
  for (let at = prompt.lastIndexOf(directory); at !== -1; at = at === 0 ? -1 : prompt.lastIndexOf(directory, at - 1)) {
    const before = at === 0 ? '' : prompt[at - 1]!
    const after = prompt[at + directory.length] ?? ''
    if ((before === '' || ' :[@'.includes(before)) && (after === '' || ' #$>%])'.includes(after))) return at
  }
  return undefined
}
