// An engine reached over SSH (`--engine ssh://user@127.0.0.1:port`) works like any other:
// the test starts its own sshd on loopback with throwaway keys, and the docker CLI's ssh
// helper finds them through an `ssh` wrapper first on PATH (OpenSSH reads the passwd home,
// not $HOME, so a config cannot be handed to it otherwise).
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/report.js'
import { skipWithoutEngine } from './engine-required.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const sshd = '/usr/sbin/sshd'

const skipWithoutSshd = (() => {
  if (skipWithoutEngine || existsSync(sshd)) return skipWithoutEngine
  if (process.env.CI === 'true') throw new Error(`CI=true but ${sshd} is missing: .ci/run must install openssh-server`)
  console.warn(`skipping the SSH engine test: no ${sshd} (apt-get install openssh-server)`)
  return true
})()

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

describe.skipIf(skipWithoutSshd)('an engine over SSH', () => {
  let dir: string
  let port: number
  let daemon: ChildProcess
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shellbook-ssh-'))
    port = await freePort()
    for (const key of ['host_key', 'client_key']) await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, key)])
    await writeFile(path.join(dir, 'authorized_keys'), await readFile(path.join(dir, 'client_key.pub')))
    await writeFile(path.join(dir, 'sshd_config'), [
      `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${dir}/host_key`, `PidFile ${dir}/sshd.pid`,
      `AuthorizedKeysFile ${dir}/authorized_keys`, 'PermitRootLogin prohibit-password', 'PasswordAuthentication no',
      'StrictModes no', 'UsePAM no', '',
    ].join('\n'))
    // One connection for the whole build: every docker call would otherwise pay an SSH handshake.
    await writeFile(path.join(dir, 'ssh_config'), [
      'Host 127.0.0.1', `  Port ${port}`, `  IdentityFile ${dir}/client_key`, '  StrictHostKeyChecking no',
      '  UserKnownHostsFile /dev/null', '  LogLevel ERROR', '  ControlMaster auto', `  ControlPath ${dir}/cm-%C`, '  ControlPersist 60', '',
    ].join('\n'))
    await mkdir(path.join(dir, 'bin'))
    await writeFile(path.join(dir, 'bin', 'ssh'), `#!/bin/sh\necho "$@" >> ${dir}/ssh-calls\nexec /usr/bin/ssh -F ${dir}/ssh_config "$@"\n`)
    await chmod(path.join(dir, 'bin', 'ssh'), 0o755)
    await mkdir('/run/sshd', { recursive: true })
    // -D: stays in the foreground, so the test owns it and stops it.
    daemon = spawn(sshd, ['-D', '-f', path.join(dir, 'sshd_config'), '-E', path.join(dir, 'sshd.log')], { stdio: 'ignore' })
    env = { ...process.env, PATH: `${dir}/bin:${process.env['PATH'] ?? ''}` }
    for (let attempt = 0; attempt < 50; attempt++) {
      const probe = await run('docker', ['-H', engine(), 'info', '--format', '{{.ServerVersion}}'], { env }).catch(() => undefined)
      if (probe) return
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    throw new Error(`sshd on 127.0.0.1:${port} did not let docker in: ${await readFile(path.join(dir, 'sshd.log'), 'utf8').catch(() => '')}`)
  })

  afterAll(async () => {
    await run('/usr/bin/ssh', ['-F', path.join(dir, 'ssh_config'), '-O', 'exit', '127.0.0.1']).catch(() => undefined)
    daemon?.kill()
  })

  const engine = () => `ssh://${userInfo().username}@127.0.0.1:${port}`

  it('builds a lesson in a sandbox on it, records that engine, and leaves nothing behind', async () => {
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-ssh-lessons-'))
    await mkdir(path.join(lessons, 'over-ssh'))
    await writeFile(path.join(lessons, 'over-ssh', 'lesson.yaml'), 'title: {en: Over SSH}\nimages: [busybox]\n')
    await writeFile(path.join(lessons, 'over-ssh', 'en.md'), '# Over SSH\n\n`docker run --rm busybox echo from-the-inner-engine`{{execute}}\n\n`hostname`{{execute}}\n')
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-ssh-out-'))
    const result = await run('node', ['bin/shellbook.js', 'build', '--lessons', lessons, '--out', out, '--engine', engine(), '--pull', 'never'], { cwd: root, env, maxBuffer: 16 * 2 ** 20 })
      .then(({ stderr }) => ({ code: 0, stderr }), (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }))
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(`executing on ${engine()}`)
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as Report
    const cells = report.lessons[0]!.cells
    expect(cells.map((cell) => cell.status)).toEqual(['ok', 'ok'])
    const captures = JSON.parse(await readFile(path.join(lessons, 'over-ssh', 'captures.json'), 'utf8'))
    expect(captures.executions[0].cells[0].output.join('\n')).toContain('from-the-inner-engine')
    expect(captures.executions[0].cells[1].output.join('\n')).toContain('host01')
    // The docker CLI really went through SSH, and the sandbox is gone from that engine.
    expect(await readFile(path.join(dir, 'ssh-calls'), 'utf8')).toMatch(/docker system dial-stdio/)
    const { stdout } = await run('docker', ['-H', engine(), 'ps', '-a', '-q', '--filter', 'label=org.shellbook.build'], { env })
    expect(stdout.trim()).toBe('')
  })
})
