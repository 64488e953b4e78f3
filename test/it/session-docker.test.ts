// A session whose shell is `docker exec -it` into a container, and `docker exec -it` typed in a
// local session: the TTY is there, and framing, timeouts and exit work through it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, copyFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $ } from 'zx'
import { DEFAULT_LOCAL_SHELL } from '../../src/run/session/index.js'
import { open } from '../open-sessions.js'
import { skipWithoutEngine } from './engine-required.js'

const timeout = { timeoutMs: 5_000 }

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
