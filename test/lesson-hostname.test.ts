// lesson.yaml `hostname`: the sandbox runs with it (default host01, as Katacoda's hosts were
// called); the local host cannot rename this machine and says so, once. Without Docker.
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseLesson } from '../src/parse/index.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'
import { createLocalHost } from '../src/run/hosts/local-host.js'
import { DEFAULT_HOSTNAME, mirrorRef, sandboxRunArgs } from '../src/run/hosts/sandbox-run.js'
import { pullsImages } from '../src/plan/index.js'
import { currentBuildOwner } from '../src/run/engine/labels.js'

async function planOf(yaml: string) {
  const configFile = new VFile({ path: 'lesson.yaml', value: yaml })
  const file = new VFile({ path: 'en.md', value: '# Names\n\n`hostname`{{execute}}\n' })
  const plan = planLesson({ slug: 'names', locale: 'en', file, tree: await parseLesson(file), config: loadConfig(configFile)!, configFile })
  expect(configFile.messages.map(String)).toEqual([])
  return plan
}

const runInput = { name: 'shellbook-names-abc-123', slug: 'names', owner: currentBuildOwner(), image: 'shellbook/lesson-host:3', network: undefined }
const hostnameFlag = (args: string[]) => args[args.indexOf('--hostname') + 1]

describe('lesson hostname', () => {
  it('runs the sandbox as host01 when lesson.yaml names none', () => {
    expect(DEFAULT_HOSTNAME).toBe('host01')
    const args = sandboxRunArgs({ ...runInput, hostname: undefined })
    expect(hostnameFlag(args)).toBe('host01')
    // Resolvable too (`sudo` looks itself up), as Debian has it.
    expect(args[args.indexOf('--add-host') + 1]).toBe('host01:127.0.1.1')
  })

  it('runs the sandbox with the hostname lesson.yaml names', async () => {
    const plan = await planOf('title: {en: Names}\nhostname: controlplane\n')
    expect(hostnameFlag(sandboxRunArgs({ ...runInput, hostname: plan.config.hostname }))).toBe('controlplane')
  })

  it('warns on the local host, once, at the `hostname` line, and still starts', async () => {
    const plan = await planOf('title: {en: Names}\nimages: [busybox]\nhostname: controlplane\n')
    // No engine answers there: start() only lists containers, and an unanswered list is empty.
    const host = createLocalHost(plan, { engine: 'unix:///nonexistent.sock' })
    await host.start()
    await host.start()
    expect(plan.configFile.messages.map((message) => [String(message), message.ruleId, message.fatal])).toEqual([
      [
        `lesson.yaml:3:1: Unexpected \`hostname: controlplane\` on the local host, expected a sandbox host: the local host cannot rename this machine, so commands print \`${hostname()}\``,
        'hostname-ignored',
        false,
      ],
    ])
  })

  it('says nothing on the local host when lesson.yaml names no hostname', async () => {
    const plan = await planOf('title: {en: Names}\n')
    await createLocalHost(plan, { engine: 'unix:///nonexistent.sock' }).start()
    expect(plan.configFile.messages).toEqual([])
  })
})

describe('the sandbox registry serving pulls', () => {
  it('names Docker Hub images as the mirror has them, and none it cannot serve', () => {
    expect(mirrorRef('alpine')).toBe('127.0.0.1:5000/library/alpine:latest')
    expect(mirrorRef('nginx:1.10-alpine')).toBe('127.0.0.1:5000/library/nginx:1.10-alpine')
    expect(mirrorRef('docker.io/library/redis:7')).toBe('127.0.0.1:5000/library/redis:7')
    expect(mirrorRef('kaox/webapp')).toBe('127.0.0.1:5000/kaox/webapp:latest')
    expect(mirrorRef('ghcr.io/acme/tool:1')).toBeUndefined()
    expect(mirrorRef('localhost:5000/app')).toBeUndefined()
    expect(mirrorRef('alpine@sha256:9a839e63dad54c3a6d1834e29692c8492d93f90c59c978c1ed79109ea4fb9a54')).toBeUndefined()
  })
  it('is asked for by the lessons that pull', () => {
    for (const command of ['docker pull alpine', 'docker image pull -q ubuntu:22.04', 'sudo docker pull nginx && docker images', 'docker-compose pull', 'docker compose -f app.yml pull db']) {
      expect(pullsImages(command), command).toBe(true)
    }
    for (const command of ['docker run alpine', 'docker images', 'echo docker pull', 'docker compose up -d', 'git pull']) {
      expect(pullsImages(command), command).toBe(false)
    }
  })
})
