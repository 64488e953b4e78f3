// Containers that run a shell, and the cells that come back to it: `docker run -dit --name box
// alpine` then `docker attach box` (or `docker start -ai box`) puts the reader at that shell's
// prompt, where the next cells are typed, as after `docker exec -it box sh`.
import { programWords, simpleCommands } from '../shell/index.js'
import { dockerRunsInside } from './docker-commands.js'
import type { Cell } from './types.js'

/** Images whose own command is a shell: `docker run -it ubuntu` leaves the reader in bash. */
export const shellImages = /^(?:[\w.-]+\/)*(?:ubuntu|debian|alpine|busybox|centos|fedora|rockylinux|almalinux|amazonlinux|archlinux|opensuse\/[\w.-]+|oraclelinux)(?::[\w.-]+)?$/

/** A shell program: `sh`, `/bin/bash`. */
export const shellProgram = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh|ksh|mksh)$/

/** The name of the container `command` starts with a shell on a terminal (`docker run -dit --name box alpine`), if it does. */
function shellContainerOf(command: string): string | undefined {
  const words = simpleCommands(command)[0]?.words ?? []
  const inside = dockerRunsInside(words)
  if (!inside || inside.verb !== 'run' || !inside.interactive) return undefined
  const shell = inside.inner.length === 0 ? shellImages.test(inside.target.text) : inside.inner.length === 1 && shellProgram.test(inside.inner[0]!.text)
  if (!shell) return undefined
  return /--name(?:=|\s+)([\w.-]+)/.exec(command)?.[1]
}

/** The container `command` attaches the terminal to (`docker attach box`, `docker start -ai box`), if it does. */
function attachedContainer(command: string): string | undefined {
  const stages = simpleCommands(command)
  if (stages.length !== 1) return undefined
  const args = programWords(stages[0]!.words).map((word) => word.text)
  if (args[0] !== 'docker') return undefined
  const verbAt = args[1] === 'container' ? 2 : 1
  const [verb, ...rest] = args.slice(verbAt)
  const names = rest.filter((arg) => !arg.startsWith('-'))
  if (names.length !== 1) return undefined
  if (verb === 'attach') return names[0]
  const flags = rest.filter((arg) => arg.startsWith('-')).join(' ')
  const attaches = /(?:^|\s)-\w*a/.test(flags) || flags.includes('--attach')
  const interactive = /(?:^|\s)-\w*i/.test(flags) || flags.includes('--interactive')
  return verb === 'start' && attaches && interactive ? names[0] : undefined
}

/** Mark the cells that attach to a container an earlier cell started with a shell on a terminal. */
export function markShellAttaches(cells: readonly Cell[]): void {
  const shells = new Set<string>()
  for (const cell of cells) {
    const started = shellContainerOf(cell.command)
    if (started !== undefined) shells.add(started)
    const attached = attachedContainer(cell.command)
    if (attached !== undefined && shells.has(attached)) cell.attachesShell = true
  }
}
