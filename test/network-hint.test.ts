// A failed cell's output recognised as "no outside network", with the advice for lesson.yaml.
// The outputs are real: recorded on this kind of machine by test/fixtures/network-hint/record.sh
// (a lesson host with `--network none`, or `unshare -n`), through a pseudo-terminal as cells run.
// Cases named `not-…` failed for another reason and get no hint. Regenerate hints with `-u`.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { networkHint, recogniseNetworkFailure, reportNoNetwork } from '../src/run/network-hint.js'

const fixturesDir = path.join(import.meta.dirname, 'fixtures', 'network-hint')
const cases = readdirSync(fixturesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)

function recorded(name: string): { command: string; output: string } {
  const read = (file: string) => readFileSync(path.join(fixturesDir, name, file), 'utf8')
  return { command: read('command.sh').replace(/\n$/, ''), output: read('output.txt') }
}

describe('network hint', () => {
  it('has recordings of both kinds', () => {
    expect(cases.filter((name) => name.startsWith('not-')).length).toBeGreaterThanOrEqual(5)
    expect(cases.filter((name) => !name.startsWith('not-')).length).toBeGreaterThanOrEqual(15)
  })

  for (const name of cases) {
    const { command, output } = recorded(name)
    if (name.startsWith('not-')) {
      it(`gives no hint for ${name}: \`${command}\``, () => {
        expect(recogniseNetworkFailure(command, output)).toBeUndefined()
        expect(networkHint(command, output)).toBeUndefined()
      })
    } else {
      it(`recognises ${name}: \`${command}\``, async () => {
        const hint = networkHint(command, output)
        expect(hint).toMatch(/^the lesson host has no outside network .*`network: true` in lesson\.yaml/)
        await expect(`${hint}\n`).toMatchFileSnapshot(path.join(fixturesDir, name, 'hint.txt'))
      })
    }
  }

  it('names the image to preload when docker could not pull it', () => {
    const images = ['docker-pull', 'docker-run-unknown-image', 'docker-build'].map((name) => {
      const { command, output } = recorded(name)
      return recogniseNetworkFailure(command, output)?.image
    })
    expect(images).toEqual(['alpine:3.18', 'hello-world:latest', 'python:3.12-slim'])
    const search = recorded('docker-search')
    expect(recogniseNetworkFailure(search.command, search.output)).toMatchObject({ registry: true, image: undefined })
  })

  it('recognises apk of a real alpine image, whose words are taken from its public bug reports (no alpine here to record it)', () => {
    const output = [
      'fetch https://dl-cdn.alpinelinux.org/alpine/v3.18/main/x86_64/APKINDEX.tar.gz',
      'WARNING: fetching https://dl-cdn.alpinelinux.org/alpine/v3.18/main: temporary error (try again later)',
      'ERROR: unable to select packages:',
      '  curl (no such package):',
      '    required by: world[curl]',
    ].join('\r\n')
    expect(networkHint('docker run --rm alpine:3.18 apk add curl', output)).toBe(
      'the lesson host has no outside network (`dl-cdn.alpinelinux.org` did not resolve): give the host one with `network: true` in lesson.yaml',
    )
  })

  it('does not take apt inside a container for a registry', () => {
    const { command, output } = recorded('container-apt-get')
    expect(recogniseNetworkFailure(command, output)).toEqual({ evidence: '`deb.debian.org` did not resolve', registry: false, image: undefined, noPackageLists: false })
  })

  it('reports a network failure at the cell as `no-network`, and nothing for another failure', () => {
    const file = new VFile({ path: 'en.md', value: '# Tools\n\n`curl -sS https://example.com/install.sh | sh`{{execute}}\n' })
    const place = { start: { line: 3, column: 1 }, end: { line: 3, column: 50 } }
    const network = recorded('curl-name')
    expect(reportNoNetwork(file, place, { ...network, exitCode: 6, expectedExit: 0 }, { note: '│ curl: (6) Could not resolve host: example.com' })).toBe(true)
    const other = recorded('not-curl-refused')
    expect(reportNoNetwork(file, place, { ...other, exitCode: 7, expectedExit: 0 })).toBe(false)
    expect(file.messages.map((message) => [String(message), message.ruleId, message.fatal, message.note])).toEqual([
      [
        'en.md:3:1-3:50: Unexpected exit status 6 from `curl -sS https://example.com/install.sh | sh`, expected 0: the lesson host has no outside network (`example.com` did not resolve): give the host one with `network: true` in lesson.yaml',
        'no-network',
        true,
        '│ curl: (6) Could not resolve host: example.com',
      ],
    ])
  })
})
