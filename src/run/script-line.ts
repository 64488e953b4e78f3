// What the session types for a scenario's script cells (see plan/scenario). Every script runs
// as its own `bash` process, never `eval`ed into the reader's shell, except foreground scripts,
// which Katacoda typed into terminal 1 (a `cd` there must stay).
import { quote } from 'zx/core'
import type { ExecScript } from '../parse/index.js'

/** How long the lesson waits for a background script before it goes on without it. */
export const BACKGROUND_BOUND_MS = 120_000

/** Status the background line reports when its script is still running at the bound. */
export const STILL_RUNNING_STATUS = 124

/** The line that runs `command` as the script `script` asks for. */
export function scriptLine(script: ExecScript, command: string): string {
  switch (script.kind) {
    case 'assets':
      return script.body ?? command
    case 'foreground':
      return command
    case 'verify':
      return `bash -c ${quote(command)}`
    case 'background':
      return backgroundLine(command, BACKGROUND_BOUND_MS)
  }
}

/**
 * Start the script detached (a subshell's child, so this shell has no job to announce), then
 * poll until it wrote its status or the bound passed; print its output so far; report its
 * status, or STILL_RUNNING_STATUS while it keeps running on its own.
 */
export function backgroundLine(command: string, boundMs: number): string {
  const polls = Math.ceil(boundMs / 100)
  return [
    '__sb_d=$(mktemp -d)',
    `( ( bash -c ${quote(command)}; echo $? >"$__sb_d/status" ) >"$__sb_d/log" 2>&1 & )`,
    '__sb_n=0',
    `while [ ! -s "$__sb_d/status" ] && [ $__sb_n -lt ${polls} ]; do sleep 0.1; __sb_n=$((__sb_n + 1)); done`,
    'cat "$__sb_d/log"',
    `if [ -s "$__sb_d/status" ]; then (exit "$(cat "$__sb_d/status")"); else (exit ${STILL_RUNNING_STATUS}); fi`,
  ].join('; ')
}
