// The shell's process in its pseudo-terminal: typing into it, its end, and ending it the way a
// closed terminal window does (SIGHUP, then SIGKILL).
import { readdirSync, readFileSync } from 'node:fs'
import { spawn, type IPty } from 'node-pty'
import { ptyOptions, SESSION_DEFAULTS, type SessionOptions } from './options.js'
import { settlesWithin } from './session-helpers.js'

export class ShellProcess {
  readonly #pty: IPty
  readonly #exited: Promise<number>
  #exitStatus: number | undefined

  /** Spawn `options.shell`; `onData` gets its output, `onExit` its status (128 + signal when killed, as shells report it). */
  constructor(options: SessionOptions, onData: (chunk: string) => void, onExit: (status: number) => void) {
    const [file, ...args] = options.shell
    if (file === undefined) throw new Error('Unexpected empty `shell`, expected an argv such as DEFAULT_LOCAL_SHELL')
    this.#pty = spawn(file, args, ptyOptions(options))
    this.#pty.onData(onData)
    this.#exited = new Promise((resolve) => {
      this.#pty.onExit(({ exitCode, signal }) => {
        const status = signal ? 128 + signal : exitCode
        this.#exitStatus = status
        onExit(status)
        resolve(status)
      })
    })
  }

  /** The status the shell ended with; undefined while it runs. */
  get exitStatus(): number | undefined {
    return this.#exitStatus
  }

  /** Type into the terminal; once the shell is gone there is nobody to type to. */
  write(text: string): void {
    if (this.#exitStatus === undefined) this.#pty.write(text)
  }

  /**
   * SIGHUP first, as when a terminal window closes (bash passes it on to its jobs), then
   * SIGKILL; then whatever the lesson started in this terminal and that ignored the hangup
   * (`trap '' HUP`, `nohup`) is killed too, so nothing outlives the build.
   */
  async terminate(): Promise<void> {
    if (this.#exitStatus === undefined) this.#pty.kill('SIGHUP')
    if (!(await settlesWithin(this.#exited, SESSION_DEFAULTS.killGraceMs))) {
      this.#pty.kill('SIGKILL')
      if (!(await settlesWithin(this.#exited, SESSION_DEFAULTS.killGraceMs))) {
        throw new Error(`Shell process ${this.#pty.pid} did not end after SIGKILL`)
      }
    }
    for (const pid of sessionMembers(this.#pty.pid)) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // Ended meanwhile: nothing left to stop.
      }
    }
  }
}

/**
 * Processes of the terminal's session: the shell leads it (node-pty starts it with setsid),
 * and what runs in the terminal stays in it unless it starts a session of its own. Linux
 * only (/proc); elsewhere there is nothing to read and nothing is killed.
 */
function sessionMembers(sessionId: number): number[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  return entries.filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid).filter((entry) => {
    try {
      // Fields after the command name, which sits in parentheses and may hold spaces: state, ppid, pgrp, session.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]) === sessionId
    } catch {
      return false
    }
  }).map(Number)
}
