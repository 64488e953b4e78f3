// What a failure message says a command was waiting for.
import { describe, expect, it } from 'vitest'
import { reportCommandFailure, unansweredQuestion, type FailureContext } from '../src/run/command-failures.js'
import { cell, plan } from './hand-built-lessons.js'

/** The reason reportCommandFailure gives for `command`, run with `result`. */
function reasonFor(command: string, result: { output: string; exitCode: number | null; timedOut?: boolean }): string {
  const reasons: string[] = []
  const ctx: FailureContext = { plan: plan([], []), hostKind: 'local', fail: (reason) => reasons.push(reason), failed: () => undefined }
  const run = { startedAt: '', durationMs: 0, truncated: false, timedOut: false, ...result }
  reportCommandFailure(ctx, cell('c1', command), { command, line: command }, run, undefined)
  return reasons.join('\n')
}

describe('a question left unanswered', () => {
  it('is a yes/no question on the output\'s last line', () => {
    expect(unansweredQuestion('WARNING! This will remove all stopped containers.\r\nAre you sure you want to continue? [y/N] ')).toBe('Are you sure you want to continue? [y/N]')
    expect(unansweredQuestion('Do you want to continue? [Y/n] ')).toBe('Do you want to continue? [Y/n]')
    expect(unansweredQuestion('Are you sure you want to continue connecting (yes/no)? ')).toBe('Are you sure you want to continue connecting (yes/no)?')
    expect(unansweredQuestion('\u001b[1mProceed (y/n)?\u001b[0m')).toBe('Proceed (y/n)?')
  })

  it('is none when the output ends otherwise', () => {
    expect(unansweredQuestion('Pulling fs layer\n')).toBeUndefined()
    expect(unansweredQuestion('[y/N] asked earlier\nthen more output\n')).toBeUndefined()
    expect(unansweredQuestion('')).toBeUndefined()
  })
})

describe('the reason a command failed', () => {
  it('says when it waited at a question, began with the prompt the author wrote, or named a key', () => {
    expect(reasonFor('docker container prune', { output: 'Are you sure you want to continue? [y/N] ', exitCode: null, timedOut: true })).toContain('waited for an answer to `Are you sure you want to continue? [y/N]`')
    expect(reasonFor('sleep 100', { output: '', exitCode: null, timedOut: true })).toContain('allow longer with `timeout=`')
    expect(reasonFor('$ echo one', { output: 'bash: $: command not found\n', exitCode: 127 })).toContain('starts with the prompt `$ `')
    expect(reasonFor('controlplane $ docker ps', { output: 'bash: controlplane: command not found\n', exitCode: 127 })).toContain('starts with the prompt `controlplane $ `')
    expect(reasonFor('root@host01:~# docker ps', { output: 'bash: root@host01:~#: command not found\n', exitCode: 127 })).toContain('starts with the prompt `root@host01:~# `')
    expect(reasonFor('[root@db ~]# ls', { output: 'bash: [root@db: command not found\n', exitCode: 127 })).toContain('starts with the prompt `[root@db ~]# `')
    expect(reasonFor('dockr ps', { output: 'bash: dockr: command not found\n', exitCode: 127 })).not.toContain('prompt')
    expect(reasonFor('Ctrl+C', { output: 'bash: Ctrl+C: command not found\n', exitCode: 127 })).toContain('`Ctrl+C` names a key, which the terminal runs as a command; to press it, write `^C`{{execute ctrl-seq}}')
    expect(reasonFor('CTRL-d', { output: 'bash: CTRL-d: command not found\n', exitCode: 127 })).toContain('write `^D`{{execute ctrl-seq}}')
    expect(reasonFor('Ctrl+C', { output: 'some output\n', exitCode: 1 })).not.toContain('names a key')
    expect(reasonFor('ctrlc', { output: 'bash: ctrlc: command not found\n', exitCode: 127 })).not.toContain('names a key')
    expect(reasonFor('no-such-tool', { output: 'bash: no-such-tool: command not found\n', exitCode: 127 })).toBe('Unexpected exit status 127 from `no-such-tool`, expected 0')
  })
})
