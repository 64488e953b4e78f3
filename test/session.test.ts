// ShellSession against a real bash in a real pseudo-terminal (no mocks), the framing helpers
// on their own, and `docker exec -it` through the session (needs a Docker engine; under
// CI=true a missing engine fails this file instead of skipping).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, copyFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { $ } from 'zx'
import { DEFAULT_LOCAL_SHELL, ShellSession, type SessionOptions } from '../src/run/session/index.js'
import { ansiCQuote, SentinelScanner, type ScanEvent } from '../src/run/session/framing.js'
import { skipWithoutEngine } from './it/engine-required.js'

const timeout = { timeoutMs: 5_000 }
const opened: ShellSession[] = []

async function open(options: Partial<SessionOptions> = {}): Promise<ShellSession> {
  const session = await ShellSession.open({ shell: DEFAULT_LOCAL_SHELL, ...options })
  opened.push(session)
  return session
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((session) => session.close()))
})

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

  it('reports exit statuses, and `$?` carries over like in a terminal', async () => {
    const session = await open()
    expect((await session.run('true', timeout)).exitCode).toBe(0)
    expect((await session.run('false', timeout)).exitCode).toBe(1)
    expect((await session.run('(exit 3)', timeout)).exitCode).toBe(3)
    const unknown = await session.run('shellbook-no-such-command', timeout)
    expect(unknown).toMatchObject({ exitCode: 127, output: 'bash: shellbook-no-such-command: command not found\n' })
    expect((await session.run('echo $?', timeout)).output).toBe('127\n')
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
    const result = await session.run('sleep 30', { timeoutMs: 500 })
    expect(result).toMatchObject({ timedOut: true, exitCode: 130 })
    // Stopped, not waited out: well under the 30 s the command would take.
    expect(result.durationMs).toBeLessThan(10_000)
    expect(await session.run('echo ok', timeout)).toMatchObject({ output: 'ok\n', exitCode: 0, timedOut: false })
  })

  it('gives a session up when Ctrl-C does not bring the prompt back', async () => {
    const session = await open()
    const result = await session.run(`trap '' INT; sleep 30`, { timeoutMs: 300 })
    expect(result).toMatchObject({ timedOut: true, exitCode: null })
    expect(session.closed).toBe(true)
    await expect(session.run('echo no', timeout)).rejects.toThrow(/given up .*Ctrl-C did not bring back the prompt/)
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

describe('framing helpers', () => {
  const token = '0123456789abcdef'
  const sentinel = `\x1eshellbook:${token}:12:130\x1f`

  /** Feed chunks; merge adjacent text events so the split points do not matter. */
  function scan(chunks: string[]): ScanEvent[] {
    const scanner = new SentinelScanner(token)
    const events: ScanEvent[] = []
    for (const event of chunks.flatMap((chunk) => scanner.push(chunk))) {
      const last = events.at(-1)
      if (event.kind === 'text' && last?.kind === 'text') last.text += event.text
      else events.push({ ...event })
    }
    return events
  }

  it('finds a sentinel split anywhere across chunks', () => {
    const stream = `out${sentinel}more`
    const expected: ScanEvent[] = [
      { kind: 'text', text: 'out' },
      { kind: 'prompt', seq: 12, status: 130 },
      { kind: 'text', text: 'more' },
    ]
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(scan([stream.slice(0, cut), stream.slice(cut)]), `cut at ${cut}`).toEqual(expected)
    }
    expect(scan([...stream])).toEqual(expected)
  })

  it('treats look-alikes as output', () => {
    const lookAlikes = [
      `\x1eshellbook:ffffffffffffffff:1:0\x1f`,
      `\x1eshellbook:${token}:x:0\x1f`,
      `\x1eshellbook:${token}:1:1234\x1f`,
      `\x1eshellbook:${token}:1\x1f`,
      '\x1e\x1f{{ x }}',
    ]
    for (const text of lookAlikes) expect(scan([text, 'end']), JSON.stringify(text)).toEqual([{ kind: 'text', text: `${text}end` }])
  })

  it('quotes any text as one bash word on one line', () => {
    const text = `it's "q" \\ $HOME \`x\` !! \t\x01\x03\x04\x1b\x7f ☃ 😀\nline two\n`
    const quoted = ansiCQuote(text)
    expect(quoted).not.toMatch(/[\n\x00-\x1f\x7f]/)
    expect(execFileSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' })).toBe(text)
  })
})

describe.skipIf(skipWithoutEngine)('ShellSession with docker exec -it', () => {
  const image = 'shellbook-test-shell:latest'
  const container = `shellbook-session-test-${process.pid}`

  beforeAll(async () => {
    await ensureTestImage(image)
    await $({ quiet: true })`docker run -d --rm --network none --name ${container} ${image} sleep 600`
  }, 60_000)

  afterAll(async () => {
    await $({ quiet: true, nothrow: true })`docker rm -f ${container}`
  })

  it('gives `docker exec -it` the TTY it needs', async () => {
    const session = await open()
    const result = await session.run(`docker exec -it ${container} env`, { timeoutMs: 20_000 })
    expect(result.output).not.toMatch(/not a TTY/)
    expect(result.output).toMatch(/^HOSTNAME=/m)
    expect(result.output).toMatch(/^TERM=xterm$/m)
    expect(result.exitCode).toBe(0)
  }, 30_000)

  for (const shell of [
    ['docker', 'exec', '-it', container, ...DEFAULT_LOCAL_SHELL],
    ['docker', 'exec', '-it', container, 'bash'],
  ]) {
    it(`runs over \`${shell.slice(4).join(' ')}\` in a container`, async () => {
      const session = await open({ shell })
      await session.run('cd /bin; greeting=hi', timeout)
      expect(await session.run('echo "$greeting $PWD"', timeout)).toMatchObject({ output: 'hi /bin\n', exitCode: 0 })
      expect((await session.run('false', timeout)).exitCode).toBe(1)
      expect(await session.run('sleep 30', { timeoutMs: 500 })).toMatchObject({ timedOut: true, exitCode: 130 })
      expect(await session.run('exit 4', timeout)).toMatchObject({ exitCode: 4 })
      expect(session.closed).toBe(true)
    }, 30_000)
  }
})

/** A tiny image made of this machine's bash, stty, env and sleep (no registry needed). */
async function ensureTestImage(image: string): Promise<void> {
  if ((await $({ quiet: true, nothrow: true })`docker image inspect ${image}`).ok) return
  const root = mkdtempSync(path.join(tmpdir(), 'shellbook-image-'))
  try {
    const binaries = ['bash', 'stty', 'env', 'sleep'].map((name) => execFileSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim())
    const libraries = execFileSync('ldd', binaries, { encoding: 'utf8' }).match(/\/\S+\.so[.\d]*/g) ?? []
    for (const file of binaries) copyInto(root, file, path.join('/bin', path.basename(file)))
    for (const file of new Set(libraries)) copyInto(root, file, file)
    await $({ quiet: true })`tar -C ${root} -c . | docker import -c ${'ENV PATH=/bin'} - ${image}`
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

function copyInto(root: string, from: string, to: string): void {
  mkdirSync(path.join(root, path.dirname(to)), { recursive: true })
  copyFileSync(from, path.join(root, to))
}
