// Commands that keep running until the reader stops them: servers, followers (`tail -f`,
// `docker logs -f`, `ping`), full-screen programs (`top`, `less`, `vi`) and programs waiting
// for what the reader types (`redis-cli`, `python3`, `passwd`). A lesson that runs one goes on
// beside it, as the reader did: the plan marks such cells `background` (see markBackground).
import { programWords, simpleCommands, type ShellWord, type SimpleCommand } from '../shell/index.js'
import { dockerRunsInside } from './docker-commands.js'
import type { Cell } from './types.js'

/** Full-screen programs and followers that run until stopped, whatever their options. */
const alwaysRunning: ReadonlySet<string> = new Set([
  'htop', 'btop', 'atop', 'iotop', 'iftop', 'nethogs', 'nload', 'glances', 'nmon', 'watch',
  'less', 'more', 'most', 'man', 'vi', 'vim', 'nvim', 'view', 'vim.tiny', 'nano', 'pico', 'emacs', 'mcedit', 'joe', 'micro', 'mc',
  'tcpdump', 'tshark', 'ngrok', 'http-server', 'uvicorn', 'gunicorn', 'redis-server', 'dockerd', 'containerd', 'mitmproxy',
])

/** Programs that read what the reader types when given no script, command or file to run. */
const interactiveWithoutScript: ReadonlySet<string> = new Set([
  'python', 'python3', 'ipython', 'node', 'irb', 'ghci', 'lua', 'R', 'bc', 'ftp', 'telnet', 'mongo', 'mongosh', 'cqlsh', 'sqlite3',
])

/** Pagers and monitors a reader leaves with `q` before typing the next command (the lesson says "press q"). */
const quitWithQ: ReadonlySet<string> = new Set(['less', 'more', 'most', 'man', 'top', 'htop', 'btop', 'atop', 'iotop', 'iftop', 'nmon', 'glances', 'nethogs', 'nload'])

/**
 * The keys that leave an editor, as a reader who typed, saved and left it (the lesson says so in
 * words): tried in turn while it still runs. nano's and pico's Ctrl-X, then `y` to save and
 * Enter for the file name when the buffer was changed; emacs's Ctrl-X Ctrl-C; micro's Ctrl-Q;
 * joe's Ctrl-C; mcedit's F10; vi's `:x` (write if changed, quit), else `:q!`.
 */
const editorLeaveKeys: Readonly<Record<string, readonly string[]>> = {
  nano: ['\x18', 'y', '\r'],
  pico: ['\x18', 'y', '\r'],
  emacs: ['\x18\x03', 'y'],
  micro: ['\x11', 'y'],
  joe: ['\x03', 'y'],
  mcedit: ['\x1b[21~'],
}
const viLeaveKeys: readonly string[] = ['\x1b:x\r', '\x1b:q!\r']

/** Editors whose `:` commands (`:wq`) work only after Esc, which a lesson says in words ("press Esc, then type :wq"). */
const viEditors: ReadonlySet<string> = new Set(['vi', 'vim', 'nvim', 'view', 'vim.tiny', 'vimdiff', 'ex', 'elvis', 'nvi'])

/**
 * Filters that read what the reader types when given no file: their options that take a value,
 * and how many operands are not files (`grep PATTERN`, `sed SCRIPT`, `tr SET1 SET2`: all of them).
 */
const terminalFilters: Readonly<Record<string, { valueOptions: string; scriptOperands: number }>> = {
  cat: { valueOptions: '', scriptOperands: 0 },
  tac: { valueOptions: 's', scriptOperands: 0 },
  rev: { valueOptions: '', scriptOperands: 0 },
  nl: { valueOptions: 'bdfhilnsvw', scriptOperands: 0 },
  wc: { valueOptions: '', scriptOperands: 0 },
  sort: { valueOptions: 'kotST', scriptOperands: 0 },
  uniq: { valueOptions: 'fsw', scriptOperands: 0 },
  head: { valueOptions: 'nc', scriptOperands: 0 },
  tail: { valueOptions: 'ncs', scriptOperands: 0 },
  cut: { valueOptions: 'bcdf', scriptOperands: 0 },
  base64: { valueOptions: 'w', scriptOperands: 0 },
  grep: { valueOptions: 'efmABCd', scriptOperands: 1 },
  egrep: { valueOptions: 'efmABC', scriptOperands: 1 },
  fgrep: { valueOptions: 'efmABC', scriptOperands: 1 },
  sed: { valueOptions: 'ef', scriptOperands: 1 },
  awk: { valueOptions: 'Ffv', scriptOperands: 1 },
  tr: { valueOptions: '', scriptOperands: Infinity },
  tee: { valueOptions: '', scriptOperands: Infinity },
}

/**
 * Whether `command` starts with a filter reading the terminal (`tr a-z A-Z`, `cat > notes`,
 * `grep error`): the reader types its input in the next cell, then Ctrl-D.
 */
export function readsTyping(command: string): boolean {
  const [first] = simpleCommands(command)
  if (!first || first.redirects.some((redirect) => redirect.operator.startsWith('<')) || first.heredocs.length > 0 || first.backgrounded) return false
  const words = programWords(first.words)
  const filter = terminalFilters[programName(words)]
  if (!filter || !Object.hasOwn(terminalFilters, programName(words))) return false
  const args = words.slice(1).map((word) => word.text)
  if (programName(words) === 'tail' && args.some((arg) => /^-\w*[fF]/.test(arg))) return false
  let operands = 0
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (arg === '-') return true
    if (/^-[A-Za-z]$/.test(arg) && filter.valueOptions.includes(arg[1]!)) index++
    else if (!arg.startsWith('-')) operands++
  }
  // `grep -e x` has its pattern as an option: every operand is then a file.
  const scripts = args.some((arg) => arg === '-e' || arg === '-f') ? 0 : filter.scriptOperands
  return operands <= scripts
}

/** Images whose own command is a server: `docker run nginx` keeps running. */
const serverImages = /^(?:[\w.-]+\/)*(?:nginx|httpd|redis|mysql|mariadb|postgres|mongo|rabbitmq|memcached|elasticsearch|traefik|registry|jenkins|wordpress|tomcat|caddy|haproxy|grafana|prometheus|consul|vault|minio|portainer)(?::[\w.-]+)?$/

/** Whether `command` (one cell, as typed) keeps running until it is stopped. */
export function keepsRunning(command: string): boolean {
  const stages = simpleCommands(command)
  return stages.some((stage, index) => {
    if (!stageKeepsRunning(stage)) return false
    const pipeline = stages.slice(index, index + 1 + stages.slice(index).findIndex((next) => !next.pipesInto))
    // `python3 -m http.server &`: the shell runs it in the background and goes on at once.
    if (pipeline.at(-1)?.backgrounded) return false
    // `ping host | head -3`: the pipe ends when `head` has its lines.
    return !pipeline.slice(1).some((next) => programName(programWords(next.words)) === 'head')
  })
}

/** The key that leaves the pager or monitor `command` runs (`ps aux | less` → `q`), if it runs one. */
export function quitKeyOf(command: string): string | undefined {
  const programs = simpleCommands(command).map((stage) => programName(programWords(stage.words)))
  return programs.some((program) => quitWithQ.has(program)) ? 'q' : undefined
}

/** The keys that leave the editor `command` opens (`nano notes.txt` → Ctrl-X…), if it opens one. */
export function editorLeaveKeysOf(command: string): readonly string[] | undefined {
  const programs = simpleCommands(command).map((stage) => programName(programWords(stage.words)))
  if (programs.some((program) => viEditors.has(program))) return viLeaveKeys
  const editor = programs.find((program) => Object.hasOwn(editorLeaveKeys, program))
  return editor === undefined ? undefined : editorLeaveKeys[editor]
}

/**
 * Programs a lesson runs at the shell, told from text typed into vi (`ihello`, `dd`): a line
 * starting with one (`cat notes.txt`, `python3 app.py`, `./run.sh`) was typed after the reader
 * left the editor. Only a line a shell would run is taken from vi, so the list holds the usual.
 */
const shellPrograms: ReadonlySet<string> = new Set([
  'cat', 'ls', 'echo', 'printf', 'tee', 'cd', 'pwd', 'head', 'tail', 'less', 'more', 'wc', 'diff', 'grep', 'sed', 'awk', 'sort', 'tree', 'file', 'stat', 'find',
  'chmod', 'chown', 'cp', 'mv', 'rm', 'mkdir', 'touch', 'ln', 'source', 'export', 'bash', 'sh', 'sudo', 'clear', 'history',
  'docker', 'docker-compose', 'podman', 'kubectl', 'helm', 'git', 'make', 'go', 'gcc', 'cargo', 'npm', 'node', 'python', 'python3', 'pip', 'pip3',
  'java', 'javac', 'ruby', 'php', 'perl', 'curl', 'wget', 'systemctl', 'service', 'journalctl', 'apt', 'apt-get', 'yum', 'dnf', 'apk',
  'nano', 'vi', 'vim', 'terraform', 'ansible', 'ansible-playbook', 'crontab', 'jq', 'yq', 'openssl', 'ssh', 'scp',
])

/** Whether `line`, typed while vi is on the screen, is a command for the shell the reader went back to. */
export function readsAsShellCommand(line: string): boolean {
  const [first] = simpleCommands(line)
  if (!first) return false
  const words = programWords(first.words)
  const program = words[0]?.text ?? ''
  return shellPrograms.has(program) || /^\.{0,2}\/[\w./-]+$/.test(program)
}

/** Whether `command` runs a vi-like editor (`vim notes.txt`, `sudo vi /etc/hosts`). */
export function runsViEditor(command: string): boolean {
  return simpleCommands(command).some((stage) => viEditors.has(programName(programWords(stage.words))))
}

function stageKeepsRunning(stage: SimpleCommand): boolean {
  const words = programWords(stage.words)
  const inputRedirected = stage.redirects.some((redirect) => redirect.operator.startsWith('<')) || stage.heredocs.length > 0
  return wordsKeepRunning(words, inputRedirected)
}

function wordsKeepRunning(words: readonly ShellWord[], inputRedirected: boolean): boolean {
  const program = programName(words)
  const args = words.slice(1).map((word) => word.text)
  if (program === '') return false
  if (alwaysRunning.has(program)) return true
  if (program === 'top') return !args.some((arg) => /^-\w*n/.test(arg))
  if (program === 'tail') return args.some((arg) => /^-\w*[fF]/.test(arg) || arg.startsWith('--follow'))
  if (program === 'ping' || program === 'ping6') return !args.some((arg) => /^-\w*[cw]/.test(arg))
  if (program === 'sleep') return args.some((arg) => arg === 'infinity' || longSleep(arg))
  if (program === 'yes') return true
  // `fg %1` brings back a job the lesson put in the background because it runs on (`sleep 200 &`).
  if (program === 'fg' || /^%/.test(program)) return true
  if (['vmstat', 'iostat', 'mpstat', 'pidstat', 'sar'].includes(program)) return args.filter((arg) => /^\d+$/.test(arg)).length === 1
  if (program === 'journalctl' || program === 'dmesg') return args.some((arg) => /^-\w*[fw]$/.test(arg) || arg === '--follow')
  if (program === 'docker' || program === 'podman') return dockerKeepsRunning(words, inputRedirected)
  if (program === 'docker-compose') return followsLogs(args) || (args[0] === 'up' && !args.some((arg) => /^-\w*d/.test(arg) || arg === '--detach'))
  if (program === 'kubectl') return followsLogs(args) || ['port-forward', 'proxy', 'attach'].includes(args[0] ?? '') || args.some((arg) => arg === '-w' || arg === '--watch')
  if (program === 'nc' || program === 'ncat' || program === 'netcat') return args.some((arg) => /^-\w*l/.test(arg))
  if (program === 'socat') return args.some((arg) => /LISTEN/i.test(arg))
  if (program === 'php') return args.includes('-S')
  if (/^python[\d.]*$/.test(program) && args[0] === '-m') return ['http.server', 'SimpleHTTPServer', 'flask'].includes(args[1] ?? '')
  if (program === 'flask') return args[0] === 'run'
  if (program === 'npm' || program === 'yarn' || program === 'pnpm') return args[0] === 'start' || (args[0] === 'run' && ['start', 'dev', 'serve'].includes(args[1] ?? ''))
  if (program === 'inotifywait') return args.some((arg) => arg === '-m' || arg === '--monitor')
  if (program === 'iperf' || program === 'iperf3') return args.includes('-s')
  if (program === 'strace') return args.includes('-p')
  if (program === 'passwd') return !args.includes('--stdin')
  if (program === 'read') return !inputRedirected
  if (inputRedirected) return false
  if (program === 'redis-cli') return positionalsAfterValueFlags(args, /^-[hpanu]$/).length === 0
  if (program === 'mysql' || program === 'mariadb') return !args.some((arg) => /^-\w*e/.test(arg) || arg.startsWith('--execute'))
  if (program === 'psql') return !args.some((arg) => /^-\w*[cf]/.test(arg) || arg.startsWith('--command') || arg.startsWith('--file'))
  if (program === 'sqlite3') return args.filter((arg) => !arg.startsWith('-')).length <= 1
  if (interactiveWithoutScript.has(program) || /^python[\d.]+$/.test(program)) return args.every((arg) => arg.startsWith('-') && !['-c', '-e', '--eval', '-m'].includes(arg))
  return false
}

/** `docker logs -f`, `docker run` of a server in the foreground, a REPL through `docker exec -it`. */
function dockerKeepsRunning(words: readonly ShellWord[], inputRedirected: boolean): boolean {
  const args = words.slice(1).map((word) => word.text)
  const verb = args.find((arg) => !arg.startsWith('-'))
  if (verb === 'logs' || (verb === 'compose' && args.includes('logs'))) return followsLogs(args)
  if (verb === 'compose') return args.includes('up') && !args.some((arg) => /^-\w*d/.test(arg) || arg === '--detach')
  if (verb === 'events' || verb === 'attach') return true
  if (verb === 'stats') return !args.includes('--no-stream')
  const inside = dockerRunsInside(words)
  if (!inside || inside.detached) return false
  if (inside.inner.length > 0) return wordsKeepRunning(inside.inner, inputRedirected || !inside.interactive)
  return inside.verb === 'run' && serverImages.test(inside.target.text)
}

function followsLogs(args: readonly string[]): boolean {
  return args.includes('logs') && args.some((arg) => /^-\w*f/.test(arg) || arg === '--follow')
}

/** `sleep 1d`, `sleep 3600`, `sleep 10m`, `sleep 30`: longer than a lesson means to wait at its prompt (it goes on in another terminal). */
function longSleep(arg: string): boolean {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg)
  if (!match) return false
  const seconds = Number(match[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as const)[match[2] as '' | 's' | 'm' | 'h' | 'd']
  return seconds >= 20
}

/** Arguments that are not options nor the values of `valueFlag` options. */
function positionalsAfterValueFlags(args: readonly string[], valueFlag: RegExp): string[] {
  const positionals: string[] = []
  for (let index = 0; index < args.length; index++) {
    if (valueFlag.test(args[index]!)) index++
    else if (!args[index]!.startsWith('-')) positionals.push(args[index]!)
  }
  return positionals
}

function programName(words: readonly ShellWord[]): string {
  return (words[0]?.text ?? '').replace(/^.*\//, '')
}

/**
 * Mark the cells that keep running `background`: known to (keepsRunning, also marked
 * `keepsRunning`), or stopped later by the lesson itself (the next cell in the same terminal
 * interrupts it, sends it keys, or answers it: `y`).
 */
export function markBackground(cells: readonly Cell[]): void {
  const runnable = (cell: Cell) => !cell.options.norun && cell.script === undefined
  for (const [index, cell] of cells.entries()) {
    if (!runnable(cell) || cell.options.keys || cell.options.background || cell.options.stopAfterMs !== undefined) continue
    const next = cells.slice(index + 1).find((later) => runnable(later) && later.options.session === cell.options.session)
    // `cp -i a b` then `y`{{execute}}: the next cell answers the question it asks.
    const answered = next !== undefined && /^(?:y|n|yes|no)$/i.test(next.command.trim())
    const stoppedLater = next !== undefined && (next.options.interrupt || next.options.keys || answered)
    // Attached to a container's shell: a shell the terminal goes into, not a program left running.
    if (cell.attachesShell) continue
    if (keepsRunning(cell.command)) cell.keepsRunning = true
    else if (readsTyping(cell.command)) cell.readsTyping = true
    const quitKey = cell.keepsRunning ? quitKeyOf(cell.command) : undefined
    if (quitKey !== undefined) cell.quitKey = quitKey
    const leaveKeys = cell.keepsRunning ? editorLeaveKeysOf(cell.command) : undefined
    if (leaveKeys !== undefined) cell.editorLeaveKeys = leaveKeys
    if (cell.keepsRunning && runsViEditor(cell.command)) cell.viEditor = true
    if (stoppedLater || cell.keepsRunning || cell.readsTyping) cell.options.background = true
  }
}
