// Commands left running in a terminal (a local bash in a real pty): settling, coming back to
// them with Ctrl-C or by waiting, and typing into a program that reads the terminal.
import { describe, expect, it } from 'vitest'
import { open } from './open-sessions.js'

const settle = { quietMs: 300, settleMs: 1_000 }
const options = { timeoutMs: 5_000, settle }

describe('ShellSession: commands left running', () => {
  it('leaves a quiet command running once settled, and stops it with Ctrl-C later', async () => {
    const session = await open()
    const left = await session.run('echo serving; sleep 30', options)
    expect(left).toMatchObject({ leftRunning: 'still-running', exitCode: null, output: 'serving\n' })
    expect(left.durationMs).toBeLessThan(2_000)
    expect(session.busy).toBe(true)
    expect(session.busyReadsInput).toBe(false)
    const stopped = await session.release('ctrl-c', { timeoutMs: 5_000 })
    expect(stopped).toMatchObject({ leftRunning: 'ctrl-c', exitCode: 130 })
    // The line a terminal shows `^C` on is not left as a blank line.
    expect(stopped?.output).toBe('serving\n')
    expect(session.busy).toBe(false)
    expect((await session.run('echo after', options)).output).toBe('after\n')
  })

  it('settles a busy output at its time bound, and keeps capturing it until it is stopped', async () => {
    const session = await open()
    const left = await session.run('while :; do echo tick; sleep 0.1; done', options)
    expect(left.leftRunning).toBe('still-running')
    const ticksAtSettle = left.output.split('\n').filter(Boolean).length
    expect(ticksAtSettle).toBeGreaterThan(3)
    await new Promise((resolve) => setTimeout(resolve, 800))
    const stopped = await session.release('ctrl-c', { timeoutMs: 5_000 })
    expect(stopped?.output.split('\n').filter((line) => line === 'tick').length).toBeGreaterThan(ticksAtSettle + 3)
    expect(stopped?.durationMs).toBeGreaterThan(1_500)
  })

  it('tells a command that ended by itself, and waits (bounded) for one still running', async () => {
    const session = await open()
    await session.run('sleep 0.6; echo done; (exit 4)', options)
    expect(session.busy).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 900))
    expect(await session.release('ctrl-c', { timeoutMs: 5_000 })).toMatchObject({ leftRunning: 'ended', exitCode: 4, output: 'done\n' })

    await session.run('sleep 2.5; echo late', options)
    expect(await session.release('wait', { timeoutMs: 300 })).toBeUndefined()
    expect(session.busy).toBe(true)
    expect(await session.release('wait', { timeoutMs: 5_000 })).toMatchObject({ leftRunning: 'ended', exitCode: 0, output: 'late\n' })
  })

  it('types lines into a program waiting at its own prompt, which becomes the prompt shown', async () => {
    const session = await open()
    const left = await session.run(`while read -r -p 'calc> ' line; do echo "= $((line))"; done; echo bye`, options)
    expect(left).toMatchObject({ leftRunning: 'still-running', output: 'calc> ' })
    expect(session.busyReadsInput).toBe(true)
    const first = await session.type('1+2\r', options)
    expect(first?.previous).toMatchObject({ leftRunning: 'keys', output: '' })
    expect(first?.current).toMatchObject({ leftRunning: 'still-running', prompt: 'calc> ', output: '= 3\ncalc> ' })
    const second = await session.type('6*7\r', options)
    expect(second?.current).toMatchObject({ prompt: 'calc> ', output: '= 42\ncalc> ' })
    // Ctrl-D ends `read`: the loop ends, and the prompt comes back with the program's status.
    const last = await session.type('\x04', options)
    expect(last?.current.leftRunning).toBeUndefined()
    expect(last?.current).toMatchObject({ exitCode: 0, output: 'bye\n' })
    expect(session.busy).toBe(false)
  })

  it('knows a full-screen program reads the terminal', async () => {
    const session = await open()
    await session.run(`printf '\\033[?1049hscreen'; read -r -s -n 1 key; printf '\\033[?1049l'; echo "key $key"`, options)
    expect(session.busyReadsInput).toBe(true)
    const typed = await session.type('q', options)
    expect(typed?.current).toMatchObject({ exitCode: 0 })
    expect(typed?.current.output).toContain('key q')
  })

  it('records a command still running as it is, without stopping it', async () => {
    const session = await open()
    await session.run('echo up; sleep 30', options)
    expect(session.snapshot()).toMatchObject({ leftRunning: 'still-running', output: 'up\n' })
    expect(session.busy).toBe(true)
    await expect(session.run('echo no', options)).rejects.toThrow(/left running/)
  })
})
