// The lesson host as Katacoda and Killercoda lessons expect it, on the real engine: the tools
// their authors took for granted, named host01 (or what lesson.yaml says), a published nginx
// port answering on localhost, and failures for want of a network recognised as such.
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureImages } from '../../src/run/images/index.js'
import { networkHint } from '../../src/run/network-hint.js'
import { skipWithoutEngine } from './engine-required.js'
import { output, planOf, runOnSandbox } from './sandbox-lessons.js'

const imagesDir = path.resolve(import.meta.dirname, '../../images')
const assumedTools = ['sudo', 'curl', 'wget', 'jq', 'less', 'nano', 'vi', 'vim', 'file', 'tree', 'ping', 'netstat', 'ifconfig', 'man', 'python3', 'nc', 'cal', 'info', 'gpg', 'bzip2']

describe.skipIf(skipWithoutEngine)('lesson host', () => {
  beforeAll(async () => {
    // Present already (.ci/run makes it), or built now from images/nginx/: a few seconds.
    await ensureImages(['nginx', 'alpine:3.18', 'hello-world'], { imagesDir, pull: false })
  }, 300_000)

  it('has the tools lesson authors assumed, and is called host01', async () => {
    const plan = await planOf(
      'tools',
      `# Tools\n\n\`hostname\`{{execute}}\n\n\`command -v ${assumedTools.join(' ')}\`{{execute}}\n\n` +
        "`echo '{\"tool\": \"jq\"}' | jq -r .tool`{{execute}}\n\n`sudo -n whoami`{{execute}}\n\n`MANPAGER=cat man ls | head -n 1`{{execute}}\n\n" +
        '`docker compose version`{{execute}}\n\n`docker-compose --version`{{execute}}\n',
      'title: {en: Tools}\n',
    )
    const result = await runOnSandbox(plan)
    expect(output(result, 'hostname').trim()).toBe('host01')
    const paths = output(result, `command -v ${assumedTools.join(' ')}`).trim().split(/\r?\n/)
    expect(paths.map((line) => path.basename(line.trim()))).toEqual(assumedTools)
    expect(output(result, "echo '{\"tool\": \"jq\"}' | jq -r .tool").trim()).toBe('jq')
    expect(output(result, 'sudo -n whoami').trim()).toBe('root')
    expect(output(result, 'MANPAGER=cat man ls | head -n 1')).toMatch(/^LS\(1\) +User Commands +LS\(1\)/)
    // Compose under both spellings: `docker compose` is Debian's docker-compose through a CLI plugin.
    expect(output(result, 'docker compose version')).toMatch(/^docker-compose version 1\.29/)
    expect(output(result, 'docker-compose --version')).toMatch(/^docker-compose version 1\.29/)
  }, 180_000)

  it('is called what lesson.yaml `hostname` says', async () => {
    const plan = await planOf('named', '# Named\n\n`hostname`{{execute}}\n\n`cat /etc/hostname`{{execute}}\n', 'title: {en: Named}\nhostname: controlplane\n')
    const result = await runOnSandbox(plan)
    expect(output(result, 'hostname').trim()).toBe('controlplane')
    expect(output(result, 'cat /etc/hostname').trim()).toBe('controlplane')
  }, 180_000)

  it('answers on localhost for a port an nginx container publishes', async () => {
    const run = 'docker run -d --name web -p 8080:80 nginx'
    const plan = await planOf(
      'web',
      `# Web\n\n\`${run}\`{{execute}}\n\n\`curl -s localhost:8080\`{{execute}}\n\n\`docker logs web\`{{execute}}\n`,
      `title: {en: Web}\nimages: [nginx]\nwaits:\n  ${JSON.stringify(run)}: curl -s -o /dev/null localhost:8080\n`,
    )
    const result = await runOnSandbox(plan)
    expect(output(result, 'curl -s localhost:8080')).toContain('<h1>Welcome to nginx!</h1>')
    expect(output(result, 'docker logs web')).toMatch(/"GET \/ HTTP\/1\.1" 200 /)
  }, 180_000)

  it('serves a pulling lesson\'s images from its own registry: `docker pull` goes through one, as on a reader\'s host', async () => {
    const pull = 'docker pull alpine:3.18'
    const plan = await planOf(
      'pulls',
      `# Pulls\n\n\`${pull}\`{{execute}}\n\n\`docker image pull hello-world\`{{execute}}\n\n\`docker run hello-world\`{{execute}}\n\n` +
        "`docker images --format '{{.Repository}}:{{.Tag}}' | sort`{{execute}}\n\n`docker pull alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000`{{execute}}{exit=1}\n",
      'title: {en: Pulls}\nimages: [alpine:3.18, hello-world]\n',
    )
    const result = await runOnSandbox(plan, { servePulls: true })
    expect(output(result, pull)).toMatch(/^3\.18: Pulling from library\/alpine\r?\nDigest: sha256:[0-9a-f]{64}\r?\nStatus: Image is up to date for alpine:3\.18\r?\ndocker\.io\/library\/alpine:3\.18\r?\n$/)
    expect(output(result, 'docker image pull hello-world')).toMatch(/Status: Image is up to date for hello-world:latest/)
    expect(output(result, 'docker run hello-world')).toMatch(/^\r?\nHello from Docker!\r?\n/)
    // The mirror's own tags were dropped: the lesson sees only its images.
    expect(output(result, "docker images --format '{{.Repository}}:{{.Tag}}' | sort").trim().split(/\r?\n/)).toEqual(['alpine:3.18', 'hello-world:latest'])
  }, 180_000)

  it('fails as the recorded outputs say for want of a network, and each gets the hint', async () => {
    const commands: Array<[string, number]> = [
      ['ping -c1 8.8.8.8', 2],
      ['curl -sS https://example.com/install.sh', 6],
      ['docker pull alpine:3.18', 1],
      ['apt-get install -y cowsay', 100],
    ]
    const markdown = commands.map(([command, exit]) => `\`${command}\`{{execute}}{exit=${exit}}`).join('\n\n')
    const result = await runOnSandbox(await planOf('offline', `# Offline\n\n${markdown}\n`, 'title: {en: Offline}\n'))
    for (const [command] of commands) {
      expect(networkHint(command, output(result, command)), command).toMatch(/^the lesson host has no outside network /)
    }
  }, 180_000)
})
