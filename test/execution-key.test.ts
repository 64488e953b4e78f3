// The hash chain decides what re-executes: prose, titles and translations never do; any
// change to what runs does, from the first link it touches.
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseLesson } from '../src/parse/index.js'
import { executionKey, linkSubject } from '../src/plan/execution-key.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'

const config = `title: {en: Keys, fr: Clés}
images: [busybox]
vars:
  box: docker ps -lq
`
const lesson = `# Keys

Start a box: \`docker run -d busybox sleep 60\`{{execute}}

\`\`\`bash {in=<box>}
$ ps
PID USER
\`\`\`

Then \`ls /\`{{execute}}
`

async function planOf(markdown: string, yaml = config, locale = 'en') {
  const configFile = new VFile({ path: 'lesson.yaml', value: yaml })
  const file = new VFile({ path: `${locale}.md`, value: markdown })
  const plan = planLesson({ slug: 'keys', locale, file, tree: await parseLesson(file), config: loadConfig(configFile)!, configFile })
  expect([...configFile.messages, ...file.messages].map(String)).toEqual([])
  return plan
}

async function keyOf(markdown: string, yaml = config, locale = 'en') {
  return executionKey(await planOf(markdown, yaml, locale))
}

/** The first link whose key differs, or undefined when the chains are equal. */
function firstChange(a: Awaited<ReturnType<typeof keyOf>>, b: Awaited<ReturnType<typeof keyOf>>): string | undefined {
  const index = a.links.findIndex((link, i) => b.links[i]?.key !== link.key)
  return index === -1 ? (a.links.length === b.links.length ? undefined : 'length') : a.links[index]!.link
}

describe('execution key', () => {
  it('chains lesson.yaml fields, then variables and cells in order', async () => {
    const key = await keyOf(lesson)
    expect(key.links.map((link) => link.link)).toEqual([
      'config:images', 'config:host', 'config:network', 'config:timeout', 'config:setup', 'config:teardown', 'config:vars', 'config:waits', 'config:containers', 'config:terminal',
      'cell:c1', 'var:box', 'cell:c2', 'cell:c3',
    ])
    expect(key.key).toBe(key.links.at(-1)!.key)
    expect(key.key).toMatch(/^[0-9a-f]{64}$/)
  })

  const same: Array<[string, () => Promise<Awaited<ReturnType<typeof keyOf>>>]> = [
    ['a prose edit', () => keyOf(lesson.replace('Start a box:', 'First, start a small box:'))],
    ['a typo fix in a heading', () => keyOf(lesson.replace('# Keys', '# Keys!'))],
    ['a different sample output', () => keyOf(lesson.replace('PID USER', 'PID   USER     TIME'))],
    ['a translation with the same commands', () => keyOf(lesson.replace('Start a box:', 'Lancez une boîte :').replace('Then', 'Puis'), config, 'fr')],
    ['a new title', () => keyOf(lesson, config.replace('Clés', 'Les clés'))],
    ['YAML key order', () => keyOf(lesson, `images: [busybox]\nvars:\n  box: docker ps -lq\ntitle: {fr: Clés, en: Keys}\n`)],
    ['a name tag', () => keyOf(lesson.replace('`ls /`{{execute}}', '`ls /`{{exec list-root}}'))],
  ]
  for (const [what, other] of same) {
    it(`keeps its key after ${what}`, async () => {
      expect(firstChange(await keyOf(lesson), await other())).toBeUndefined()
    })
  }

  const changed: Array<[string, () => Promise<Awaited<ReturnType<typeof keyOf>>>, string]> = [
    ['a changed command', () => keyOf(lesson.replace('`ls /`', '`ls -l /`')), 'cell:c3'],
    ['changed whitespace inside a command', () => keyOf(lesson.replace('busybox sleep 60', 'busybox  sleep 60')), 'cell:c1'],
    ['a changed cell option', () => keyOf(lesson.replace('{in=<box>}', '{in=<box> timeout=5}')), 'cell:c2'],
    ['an added command', () => keyOf(lesson + '\n`whoami`{{execute}}\n'), 'length'],
    ['a command turned into copy-only', () => keyOf(lesson.replace('`ls /`{{execute}}', '`ls /`{{copy}}')), 'cell:c3'],
    // The cell before the keys is now left running for them: the chain changes from it on.
    ['a command turned into keystrokes', () => keyOf(lesson.replace('`ls /`{{execute}}', '`ls /`{{execute no-newline}}')), 'cell:c2'],
    ['a changed variable expression', () => keyOf(lesson, config.replace('docker ps -lq', 'docker ps -q')), 'config:vars'],
    ['a changed image', () => keyOf(lesson, config.replace('[busybox]', '[busybox, redis:alpine]')), 'config:images'],
    ['a changed default timeout', () => keyOf(lesson, config + 'timeout: 5\n'), 'config:timeout'],
    ['a setup command', () => keyOf(lesson, config + 'setup: ["echo ready"]\n'), 'config:setup'],
  ]
  for (const [what, other, link] of changed) {
    it(`changes its key at ${link} after ${what}`, async () => {
      const [before, after] = [await keyOf(lesson), await other()]
      expect(after.key).not.toBe(before.key)
      expect(firstChange(before, after)).toBe(link)
    })
  }

  it('chains `hostname` only when lesson.yaml sets it, so lessons frozen before it keep their keys', async () => {
    const unset = await planOf(lesson)
    const set = await planOf(lesson, config + 'hostname: host01\n')
    expect(executionKey(unset).links.map((link) => link.link)).not.toContain('config:hostname')
    expect(executionKey(set).links.map((link) => link.link).slice(0, 4)).toEqual(['config:images', 'config:host', 'config:hostname', 'config:network'])
    // Set, even to the sandbox's default, it changes the key from its own link on: it is what the lesson says.
    expect(executionKey(set).key).not.toBe(executionKey(unset).key)
    expect(firstChange(executionKey(set), executionKey(unset))).toBe('config:hostname')
    // Link numbers map to what they cover, with or without the field.
    expect(linkSubject(unset, 2)).toEqual({ field: 'network' })
    expect(linkSubject(set, 2)).toEqual({ field: 'hostname' })
    expect(linkSubject(set, executionKey(set).links.length - 1)).toEqual(linkSubject(unset, executionKey(unset).links.length - 1))
  })

  it.each([['web-1'], ['host01.example.com'], ['a'.repeat(63)]])('accepts hostname %s', async (hostname) => {
    expect((await planOf(lesson, `${config}hostname: ${hostname}\n`)).config.hostname).toBe(hostname)
  })

  it.each([['-web'], ['web_1'], ['web..1'], ['a'.repeat(65)], ['"web 1"']])('refuses hostname %s at its line in lesson.yaml', (hostname) => {
    const configFile = new VFile({ path: 'lesson.yaml', value: `${config}hostname: ${hostname}\n` })
    expect(loadConfig(configFile)).toBeUndefined()
    expect(configFile.messages.map(String)).toEqual([
      'lesson.yaml:5:11: Unexpected value for `hostname`: expected a hostname such as `host01` (letters, digits and inner `-`, dot-separated, at most 64 characters)',
    ])
  })
})
