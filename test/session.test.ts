// ShellSession against a real bash in a real pseudo-terminal (no mocks). The framing helpers
// are tested in session-framing.test.ts, `docker exec -it` sessions in it/session-docker.test.ts.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LOCAL_SHELL, ShellSession } from '../src/run/session/index.js'
import { open } from './open-sessions.js'

const timeout = { timeoutMs: 5_000 }

describe('ShellSession (local bash)', () => {
  it('keeps variables, cd and exports from cell to cell', async () => {
    const session = await open()
    await session.run('greeting=hello', timeout)
    expect((await session.run('echo "$greeting world"', timeout)).output).toBe('hello world\n')
    await session.run('cd /tmp', timeout)
    expect((await session.run('pwd', timeout)).output).toBe('/tmp\n')
    await session.run('export SHELLBOOK_EXPORTED=yes', timeout)
    expect((await session.run(`bash -c 'echo "child sees $SHELLBOOK_EXPORTED"'`, timeout)).output).toBe('child sees yes\n')
  })

  it('takes the prompt of a shell that prints it late (a container still starting) for the cells typed inside', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shellbook-late-shell-'))
    writeFileSync(path.join(dir, 'container'), "#!/bin/sh\nsleep 1.5\nPS1='box# ' exec sh -i\n", { mode: 0o755 })
    const session = await open()
    await session.run(`cd ${dir}`, timeout)
    const entered = await session.run('./container run sh', timeout)
    expect([entered.exitCode, entered.output, session.depth]).toEqual([0, '', 1])
    const inside = await session.run('echo inside', timeout)
    expect([inside.prompt, inside.output]).toEqual(['box# ', 'inside\n'])
    expect((await session.run('exit', timeout)).exitCode).toBe(0)
    expect(session.depth).toBe(0)
  })

  it('reports exit statuses, and `$?` carries over like in a terminal', async () => {
    const session = await open()
    expect((await session.run('true', timeout)).exitCode).toBe(0)
    expect((await session.run('false', timeout)).exitCode).toBe(1)
    expect((await session.run('(exit 3)', timeout)).exitCode).toBe(3)
    const unknown = await session.run('shellbook-no-such-command', timeout)
    expect(unknown).toMatchObject({ exitCode: 127, output: 'bash: shellbook-no-such-command: command not found\n' })
    expect((await session.run('echo $?', timeout)).output).toBe('127\n')
  })

  it('keeps a history of the cells, with `!` references expanded as an interactive bash does', async () => {
    const session = await open()
    await session.run('ls /etc/hostname', timeout)
    expect((await session.run('!ls', timeout)).output).toBe('ls /etc/hostname\n/etc/hostname\n')
    expect((await session.run('echo !$', timeout)).output).toBe('echo /etc/hostname\n/etc/hostname\n')
    // Quoted or followed by a quote, `!` stays as typed; a heredoc body is never expanded.
    expect((await session.run(`echo 'a!b' "Hello!"`, timeout)).output).toBe('a!b Hello!\n')
    expect((await session.run('cat <<EOF\n#!/bin/bash\nEOF', timeout)).output).toBe('#!/bin/bash\n')
    await session.run('false', timeout)
    const missing = await session.run('!9999', timeout)
    expect(missing.output).toMatch(/!9999: .*(event not found|history expansion failed)/)
    expect(missing.exitCode).toBe(1)
    const listed = (await session.run('history 4', timeout)).output
    expect(listed).toMatch(/^ +\d+ +echo 'a!b' "Hello!"\n +\d+ +cat <<EOF\n#!\/bin\/bash\nEOF\n +\d+ +false\n +\d+ +history 4\n$/)
    expect(listed).not.toMatch(/__shellbook/)
    // A syntax error does not spoil the line after it.
    expect((await session.run('echo "unbalanced', timeout)).exitCode).toBe(2)
    expect((await session.run('echo fine', timeout))).toMatchObject({ output: 'fine\n', exitCode: 0 })
  })

  it('runs a multi-line cell as one unit with one status', async () => {
    const session = await open()
    const cell = [
      'echo one \\',
      '  two',
      `echo 'single "double" $HOME' "dq 'sq' $((1 + 2))" \\$literal`,
      "cat <<'EOF'",
      '$NOT_EXPANDED {{ braces }}',
      'EOF',
      'cat <<EOF',
      'home is $HOME',
      'EOF',
      'false # trailing comment',
    ].join('\n')
    const result = await session.run(cell, timeout)
    expect(result.output).toBe(
      `one two\nsingle "double" $HOME dq 'sq' 3 $literal\n$NOT_EXPANDED {{ braces }}\nhome is ${process.env.HOME}\n`,
    )
    expect(result.exitCode).toBe(1)
    expect((await session.run('echo a\n(exit 3)', timeout)).exitCode).toBe(3)
  })

  it('shows no echo of the command and no prompt', async () => {
    const session = await open()
    expect((await session.run('echo hi', timeout)).output).toBe('hi\n')
    expect((await session.run('true', timeout)).output).toBe('')
  })

  it('reports a syntax error at once, with status 2, and stays usable', async () => {
    const session = await open()
    for (const cell of ['echo "unbalanced', 'echo ok\necho "unbalanced\nmore', 'if then', 'echo $(( ']) {
      const result = await session.run(cell, timeout)
      expect(result, cell).toMatchObject({ exitCode: 2, timedOut: false })
      expect(result.output, cell).toMatch(/^(ok\n)?bash: .*(unexpected|syntax error)/)
    }
    expect((await session.run('echo still here', timeout)).output).toBe('still here\n')
  })

  it('keeps its bookkeeping out of a cell\'s `set -x` trace', async () => {
    const session = await open()
    await session.run('set -x', timeout)
    const traced = await session.run('echo hi', timeout)
    expect(traced.output).toMatch(/\+ echo hi\nhi\n$/)
    expect(traced.output).not.toMatch(/__shellbook|PS1/)
  })

  it('keeps output that imitates the framing', async () => {
    const session = await open()
    const fake = String.raw`printf 'a\036shellbook:0123456789abcdef:1:0\037b {{ execute }} \036\037c\036shellbook:'`
    const result = await session.run(fake, timeout)
    expect(result.output).toBe('a\x1eshellbook:0123456789abcdef:1:0\x1fb {{ execute }} \x1e\x1fc\x1eshellbook:')
    expect(result.exitCode).toBe(0)
    expect((await session.run('echo next', timeout)).output).toBe('next\n')
  })

  it('keeps NUL bytes, ANSI colours and control bytes typed in the command', async () => {
    const session = await open()
    expect((await session.run(String.raw`printf 'A=1\0B=2\0'`, timeout)).output).toBe('A=1\0B=2\0')
    expect((await session.run(String.raw`printf '\033[31mred\033[0m'`, timeout)).output).toBe('\x1b[31mred\x1b[0m')
    const typed = await session.run("printf '%s' 'x\x03y\x04z\x7f' | od -An -c", timeout)
    expect(typed.output.replace(/\s+/g, ' ').trim()).toBe('x 003 y 004 z 177')
  })

  it('runs a cell longer than the terminal line buffer', async () => {
    const session = await open()
    const result = await session.run(`x=${'y'.repeat(20_000)}; echo \${#x}`, timeout)
    expect(result.output).toBe('20000\n')
  })

  it('gives output that arrives at the prompt to the next command', async () => {
    const session = await open()
    expect((await session.run('(sleep 0.2; echo late) &', timeout)).output).toMatch(/^\[1\] \d+\n$/)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect((await session.run('echo now', timeout)).output).toMatch(/^late\nnow\n(\[1\]\+ +Done.*\n)?$/)
  })

  it('cuts output at maxOutputBytes and stays usable', async () => {
    const session = await open({ maxOutputBytes: 1000 })
    const result = await session.run(`head -c 200000 /dev/zero | tr '\\0' a`, timeout)
    expect(result).toMatchObject({ truncated: true, exitCode: 0, output: 'a'.repeat(1000) })
    expect(await session.run('echo ok', timeout)).toMatchObject({ output: 'ok\n', truncated: false })
  })

  it('interrupts a command that times out, and goes on', async () => {
    const session = await open()
    const result = await session.run('echo begun; sleep 30', { timeoutMs: 500 })
    // What it printed, with no blank line where a terminal shows `^C`.
    expect(result).toMatchObject({ timedOut: true, exitCode: 130, output: 'begun\n' })
    // Stopped, not waited out: well under the 30 s the command would take.
    expect(result.durationMs).toBeLessThan(10_000)
    expect(await session.run('echo ok', timeout)).toMatchObject({ output: 'ok\n', exitCode: 0, timedOut: false })
  })

  it('gives a session up when Ctrl-C does not bring the prompt back', async () => {
    const session = await open()
    const result = await session.run(`trap '' INT; sleep 30`, { timeoutMs: 300 })
    expect(result).toMatchObject({ timedOut: true, exitCode: null })
    expect(session.closed).toBe(true)
    await expect(session.run('echo no', timeout)).rejects.toThrow(/given up .*Ctrl-C over \d+ s did not bring back the prompt/)
  }, 15_000)

  it('interrupts on request, idle or while a command runs', async () => {
    const session = await open()
    await session.interrupt()
    expect((await session.run('echo after', timeout)).output).toBe('after\n')
    const running = session.run('sleep 30', { timeoutMs: 10_000 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    await session.interrupt()
    expect(await running).toMatchObject({ exitCode: 130, timedOut: false })
  })

  it('stops the running command when its signal aborts, and goes on', async () => {
    const session = await open()
    const controller = new AbortController()
    const running = session.run('echo started; sleep 30', { timeoutMs: 60_000, signal: controller.signal })
    await new Promise((resolve) => setTimeout(resolve, 300))
    controller.abort()
    const result = await running
    expect(result).toMatchObject({ exitCode: 130, timedOut: false })
    expect(result.output).toMatch(/^started\n/)
    expect(result.durationMs).toBeLessThan(10_000)
    expect((await session.run('echo after', timeout)).output).toBe('after\n')
  })

  it('stops a command aborted the moment it was typed (a lone Ctrl-C there can be lost)', async () => {
    const session = await open()
    for (let attempt = 0; attempt < 5; attempt++) {
      const controller = new AbortController()
      const running = session.run('sleep 30', { timeoutMs: 60_000, signal: controller.signal })
      controller.abort()
      const result = await running
      expect(result.exitCode).toBe(130)
      expect(result.durationMs).toBeLessThan(10_000)
    }
    expect((await session.run('echo after', timeout)).output).toBe('after\n')
  }, 60_000)

  it('sends nothing when the signal was aborted before', async () => {
    const session = await open()
    const result = await session.run('echo never', { timeoutMs: 5_000, signal: AbortSignal.abort() })
    expect(result).toMatchObject({ output: '', exitCode: null, timedOut: false })
    expect((await session.run('echo after', timeout)).output).toBe('after\n')
  })

  it('leaves nothing behind it started, also what ignores the hangup', async () => {
    const session = await open()
    const marker = `shellbook-survivor-${process.pid}`
    await session.run(`bash -c "trap '' INT HUP TERM; exec -a ${marker} sleep 300" &`, timeout)
    const running = () => execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((line) => line.startsWith(marker))
    expect(running()).toHaveLength(1)
    await session.close()
    expect(running()).toEqual([])
  })

  it('exports TERM and LANG in the shell, the lesson\'s own or the defaults', async () => {
    const defaults = await open()
    expect((await defaults.run('echo "$TERM $LANG"', timeout)).output).toBe('xterm-256color C.UTF-8\n')
    const chosen = await open({ exports: { TERM: 'vt100', LANG: 'fr_FR.UTF-8' } })
    expect((await chosen.run('echo "$TERM $LANG"', timeout)).output).toBe('vt100 fr_FR.UTF-8\n')
  })

  it('closes when the shell exits', async () => {
    const session = await open()
    const result = await session.run('exit 3', timeout)
    expect(result).toMatchObject({ output: 'exit\n', exitCode: 3 })
    expect(session.closed).toBe(true)
    await expect(session.run('echo no', timeout)).rejects.toThrow(/shell exited with status 3/)
    await session.close()
    await session.close()
  })

  it('starts from a clean environment plus the given one', async () => {
    process.env.SHELLBOOK_PARENT_ONLY = 'leaked'
    try {
      const session = await open({ env: { SHELLBOOK_GIVEN: 'given' }, cwd: '/' })
      const result = await session.run('echo "${SHELLBOOK_PARENT_ONLY-unset} $SHELLBOOK_GIVEN $TERM $LANG $PWD"', timeout)
      expect(result.output).toBe('unset given xterm-256color C.UTF-8 /\n')
    } finally {
      delete process.env.SHELLBOOK_PARENT_ONLY
    }
  })

  it('rejects clearly when the shell does not start', async () => {
    await expect(ShellSession.open({ shell: ['bash', '-c', 'exit 7'] })).rejects.toThrow(/exited with status 7 before it was ready/)
    await expect(ShellSession.open({ shell: [] })).rejects.toThrow(/empty `shell`/)
  })

})
