// Shells a lesson opens inside its terminal, on the real engine: `docker exec -it` into busybox
// and back, a new pid namespace, three levels deep, Ctrl-C inside, `exec bash`, `exit` at the top.
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ShellSession } from '../../src/run/session/index.js'
import { open } from '../open-sessions.js'
import { skipWithoutEngine } from './engine-required.js'

const box = `shellbook-nested-${process.pid}`
const run = (session: ShellSession, command: string, timeoutMs = 15_000) => session.run(command, { timeoutMs })

describe.skipIf(skipWithoutEngine)('nested interactive shells', () => {
  beforeAll(() => {
    // Named `busybox:latest`, not `busybox`: the seed lessons' test looks for leftover `busybox` containers.
    execFileSync('docker', ['run', '-d', '--name', box, 'busybox:latest', 'sleep', '600'], { stdio: 'pipe' })
  })
  afterAll(() => {
    execFileSync('docker', ['rm', '-f', box], { stdio: 'pipe' })
  })

  it('types into a container\'s shell after `docker exec -it`, and `exit` comes back with the variables kept', async () => {
    const session = await open()
    const outside = (await run(session, 'LESSON=kept; hostname')).output.trim()
    const entered = await run(session, `docker exec -it ${box} sh`)
    expect([entered.exitCode, session.depth]).toEqual([0, 1])
    const inside = await run(session, 'hostname')
    expect(inside.exitCode).toBe(0)
    // The prompt busybox's shell printed is the one shown before the cells typed inside, not output.
    expect(inside.prompt).toBe('/ # ')
    expect(entered.output).not.toContain('/ # ')
    expect(inside.output.trim()).not.toBe(outside)
    expect(inside.output.trim()).toBe(execFileSync('docker', ['inspect', '-f', '{{.Config.Hostname}}', box]).toString().trim())
    // Exit status and failures work inside as at the top.
    expect((await run(session, 'ls /no-such-dir')).exitCode).not.toBe(0)
    expect((await run(session, 'ps | grep -c "[s]leep 600"')).output.trim()).toBe('1')
    // A `cd` inside shows in the prompts that follow, as the shell itself would print them.
    expect((await run(session, 'cd /etc')).prompt).toBe('/ # ')
    const moved = await run(session, 'ls hostname')
    expect([moved.prompt, moved.output.trim()]).toEqual(['/etc # ', 'hostname'])
    const left = await run(session, 'exit')
    expect(left.prompt).toBe('/etc # ')
    expect([left.exitCode, session.depth]).toEqual([0, 0])
    expect((await run(session, 'echo $LESSON; hostname')).output.trim()).toBe(`kept\n${outside}`)
  }, 60_000)

  it('leaves a container\'s shell with Docker\'s detach keys, the container still running', async () => {
    const session = await open()
    const name = `${box}-detach`
    try {
      expect((await run(session, `docker run -it --name ${name} busybox:latest sh`)).exitCode).toBe(0)
      expect(session.depth).toBe(1)
      const detached = await session.detach({ timeoutMs: 15_000 })
      expect([detached?.exitCode, session.depth]).toEqual([0, 0])
      expect((await run(session, `docker inspect -f '{{.State.Running}}' ${name}`)).output.trim()).toBe('true')
      // At the top there is nothing to detach from.
      expect(await session.detach({ timeoutMs: 1_000 })).toBeUndefined()
    } finally {
      execFileSync('docker', ['rm', '-f', name], { stdio: 'pipe' })
    }
  })

  it('types into a container\'s shell after `docker attach`, and `exit` ends it', async () => {
    const session = await open()
    const name = `${box}-attach`
    try {
      execFileSync('docker', ['run', '-dit', '--name', name, 'busybox:latest', 'sh'], { stdio: 'pipe' })
      const attached = await session.run(`docker attach ${name}`, { timeoutMs: 15_000, attachesShell: true })
      expect([attached.exitCode, session.depth]).toEqual([0, 1])
      const inside = await run(session, 'hostname')
      expect(inside.output.trim()).toBe(execFileSync('docker', ['inspect', '-f', '{{.Config.Hostname}}', name]).toString().trim())
      expect((await run(session, 'exit')).exitCode).toBe(0)
      expect(session.depth).toBe(0)
      expect((await run(session, `docker inspect -f '{{.State.Running}}' ${name}`)).output.trim()).toBe('false')
    } finally {
      execFileSync('docker', ['rm', '-f', name], { stdio: 'pipe' })
    }
  })

  it('runs `echo $$` as PID 1 inside `unshare --fork --pid --mount-proc sh`', async () => {
    const session = await open()
    expect((await run(session, 'unshare --fork --pid --mount-proc sh')).exitCode).toBe(0)
    expect((await run(session, 'echo $$')).output.trim()).toBe('1')
    expect((await run(session, 'exit')).exitCode).toBe(0)
    expect(session.depth).toBe(0)
  }, 60_000)

  it('goes three levels deep and back, with Ctrl-C on a timeout working inside', async () => {
    const session = await open()
    await run(session, 'bash')
    await run(session, `docker exec -it ${box} sh`)
    await run(session, 'sh')
    expect(session.depth).toBe(3)
    const stopped = await run(session, 'sleep 30', 1_500)
    expect([stopped.timedOut, stopped.exitCode, session.depth]).toEqual([true, 130, 3])
    expect((await run(session, 'echo still here')).output.trim()).toBe('still here')
    for (const depth of [2, 1, 0]) {
      await run(session, 'exit')
      expect(session.depth).toBe(depth)
    }
    expect((await run(session, 'echo top')).output.trim()).toBe('top')
  }, 90_000)

  it('goes on after `exec bash`, and says when `exit` ends the terminal', async () => {
    const session = await open()
    const replaced = await run(session, 'exec bash')
    expect(replaced.timedOut).toBe(false)
    expect((await run(session, 'echo replaced')).output.trim()).toBe('replaced')
    await run(session, 'exit')
    expect(session.exited).toBe(true)
  }, 60_000)
})
