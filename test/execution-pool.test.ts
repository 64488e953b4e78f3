// The execution pool's scheduling, capture writing and message placement, with hosts from a
// factory: real bash sessions on this machine (node-pty), no Docker. Then the frozen-or-run
// decision on the captures.json those runs wrote.
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { planExecutions, type LessonExecutions } from '../src/captures/index.js'
import { loadLesson } from '../src/plan/index.js'
import { currentBuildOwner, DEFAULT_LOCAL_SHELL, MissingImageError, runExecutions, type Host, type HostFactory, type PoolEngine } from '../src/run/index.js'

const info = { serverVersion: '0.0-test', kernel: 'test-kernel', os: 'Test OS', arch: 'x86_64', storageDriver: 'none', cgroupVersion: '', registry: { index: '', mirrors: [] } }

/** An engine whose images are "there" (or missing, for the names in `missing`). */
function testEngine(missing: readonly string[] = []): PoolEngine {
  return {
    endpoint: undefined,
    info,
    images: {
      ensure: async (names) => names.map((name) => {
        if (missing.includes(name)) throw new MissingImageError(name, 'no-recipe', `Unexpected missing image \`${name}\`, expected one the engine has`)
        return { name, id: `sha256:${'0'.repeat(64)}`, standIn: false }
      }),
    },
  }
}

/** Hosts that are plain bash here, recording how many ran at once and in which order they started and stopped. */
function recordingHosts() {
  const log: string[] = []
  let running = 0
  let most = 0
  const factory: HostFactory = ({ plan, kind }) => {
    const host: Host = {
      kind,
      shell: DEFAULT_LOCAL_SHELL,
      async start() {
        running += 1
        most = Math.max(most, running)
        log.push(`start ${plan.slug}`)
      },
      async stop() {
        running -= 1
        log.push(`stop ${plan.slug}`)
      },
    }
    return host
  }
  return { factory, log, most: () => most }
}

async function lessonsFolder(lessons: Record<string, { yaml?: string; md: string }>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-pool-'))
  for (const [slug, { yaml = 'title: {en: Test}\n', md }] of Object.entries(lessons)) {
    await mkdir(path.join(dir, slug))
    await writeFile(path.join(dir, slug, 'lesson.yaml'), yaml)
    await writeFile(path.join(dir, slug, 'en.md'), md)
  }
  return dir
}

async function planned(dir: string, slugs: string[]): Promise<LessonExecutions[]> {
  return Promise.all(slugs.map(async (slug) => planExecutions(await loadLesson(dir, slug), false)))
}

const messagesOf = (lesson: LessonExecutions) => lesson.lesson.files.flatMap((file) => file.messages.map((message) => `${path.basename(file.path)}:${message.line}:${message.column} ${message.ruleId}`))

describe('execution pool (hosts from a factory, no Docker)', () => {
  it('runs every due lesson once, writes its captures, and runs sandboxes side by side (each worker starting its next one early)', async () => {
    const slugs = ['a', 'b', 'c', 'd']
    const dir = await lessonsFolder(Object.fromEntries(slugs.map((slug) => [slug, { md: `# ${slug}\n\n\`sleep 0.3; echo hello-${slug}\`{{execute}}\n` }])))
    const hosts = recordingHosts()
    const lessons = await planned(dir, slugs)
    const runs = await runExecutions(lessons, { host: 'sandbox', jobs: 2, engines: [testEngine()], owner: currentBuildOwner(), createHost: hosts.factory })
    expect(runs.size).toBe(4)
    for (const slug of slugs) {
      const captures = JSON.parse(await readFile(path.join(dir, slug, 'captures.json'), 'utf8'))
      expect(captures.executions[0].cells[0].output.join('\n')).toContain(`hello-${slug}`)
      expect(captures.executions[0].provenance).toMatchObject({ hostKind: 'sandbox', engineVersion: '0.0-test' })
    }
    expect(hosts.log.filter((entry) => entry.startsWith('start')).length).toBe(4)
    // Two workers, each with its lesson's host and the next one already started behind it.
    expect(hosts.most()).toBeGreaterThan(1)
    expect(hosts.most()).toBeLessThanOrEqual(4)
  })

  it('runs local lessons one at a time, whatever --jobs says', async () => {
    const slugs = ['x', 'y', 'z']
    const dir = await lessonsFolder(Object.fromEntries(slugs.map((slug) => [slug, { md: `\`sleep 0.2\`{{execute}}\n` }])))
    const hosts = recordingHosts()
    await runExecutions(await planned(dir, slugs), { host: 'local', jobs: 3, engines: [testEngine()], owner: currentBuildOwner(), createHost: hosts.factory })
    expect(hosts.most()).toBe(1)
    expect(hosts.log).toEqual(['start x', 'stop x', 'start y', 'stop y', 'start z', 'stop z'])
  })

  it('keeps captures.json as it was when a lesson fails, and says so at the failing line', async () => {
    const dir = await lessonsFolder({ bad: { md: '# Bad\n\n`echo one`{{execute}}\n\n`exit 3`{{execute}}{exit=0}\n' } })
    const earlier = '{"format":"shellbook-captures/1","lesson":"bad","executions":[]}\n'
    await writeFile(path.join(dir, 'bad', 'captures.json'), earlier)
    const hosts = recordingHosts()
    const lessons = await planned(dir, ['bad'])
    const runs = await runExecutions(lessons, { host: 'local', jobs: 1, engines: [testEngine()], owner: currentBuildOwner(), createHost: hosts.factory })
    expect(await readFile(path.join(dir, 'bad', 'captures.json'), 'utf8')).toBe(earlier)
    // `exit 3` at the top also ended the terminal, which is said at its line too.
    expect(messagesOf(lessons[0]!)).toEqual(['en.md:5:2 terminal-ended', 'en.md:5:2 unexpected-exit'])
    // What ran is still there for the page.
    expect([...runs.values()][0]!.cells['c1']!.output).toContain('one')
  })

  it('reports a missing image at its line in lesson.yaml and starts no host for that lesson', async () => {
    const dir = await lessonsFolder({ img: { yaml: 'title: {en: Img}\nimages:\n  - nosuch:1\n', md: '`true`{{execute}}\n' } })
    const hosts = recordingHosts()
    const lessons = await planned(dir, ['img'])
    const runs = await runExecutions(lessons, { host: 'sandbox', jobs: 1, engines: [testEngine(['nosuch:1'])], owner: currentBuildOwner(), createHost: hosts.factory })
    expect(runs.size).toBe(0)
    expect(hosts.log).toEqual([])
    expect(messagesOf(lessons[0]!)).toEqual(['lesson.yaml:3:5 missing-image'])
  })

  it('runs nothing once the build is aborted', async () => {
    const dir = await lessonsFolder({ p: { md: '`true`{{execute}}\n' }, q: { md: '`true`{{execute}}\n' } })
    const hosts = recordingHosts()
    const controller = new AbortController()
    controller.abort()
    const runs = await runExecutions(await planned(dir, ['p', 'q']), { host: 'sandbox', jobs: 2, engines: [testEngine()], owner: currentBuildOwner(), createHost: hosts.factory, signal: controller.signal })
    expect(runs.size).toBe(0)
    expect(hosts.log).toEqual([])
  })
})

describe('the frozen-or-run decision', () => {
  /** A lesson run once through the pool, so its captures.json is real; then edited. */
  async function ranLesson(md: string, yaml = 'title: {en: Test}\ntimeout: 20\n'): Promise<string> {
    const dir = await lessonsFolder({ l: { yaml, md } })
    await runExecutions(await planned(dir, ['l']), { host: 'local', jobs: 1, engines: [testEngine()], owner: currentBuildOwner(), createHost: recordingHosts().factory })
    return dir
  }
  const decide = async (dir: string, refresh = false) => (await planExecutions(await loadLesson(dir, 'l'), refresh)).executions.map(({ decision }) =>
    decision.kind === 'frozen' ? 'frozen' : `${path.basename(decision.file.path)}:${decision.place.start.line}:${decision.place.start.column} ${decision.reason.replace(/ since the captures of .*/, '')}${decision.forced ? ' (forced)' : ''}`)
  const md = '# L\n\n`echo a`{{execute}}\n\n`echo b`{{execute}}\n'

  it('is frozen when nothing that runs changed, prose edits included', async () => {
    const dir = await ranLesson(md)
    expect(await decide(dir)).toEqual(['frozen'])
    await writeFile(path.join(dir, 'l', 'en.md'), md.replace('# L', '# A new title\n\nNew prose.'))
    expect(await decide(dir)).toEqual(['frozen'])
  })

  it('names the first changed command, at its position', async () => {
    const dir = await ranLesson(md)
    await writeFile(path.join(dir, 'l', 'en.md'), md.replace('echo b', 'echo B'))
    expect(await decide(dir)).toEqual(['en.md:5:2 command `echo B` changed'])
  })

  it('names a new command at the end, a removed one, and a lesson.yaml field', async () => {
    const dir = await ranLesson(md)
    await writeFile(path.join(dir, 'l', 'en.md'), md + '\n`echo c`{{execute}}\n')
    expect(await decide(dir)).toEqual(['en.md:7:2 command `echo c` is new'])
    await writeFile(path.join(dir, 'l', 'en.md'), '# L\n\n`echo a`{{execute}}\n')
    expect(await decide(dir)).toEqual(['en.md:3:2 a command after this one was removed'])
    await writeFile(path.join(dir, 'l', 'en.md'), md)
    await writeFile(path.join(dir, 'l', 'lesson.yaml'), 'title: {en: Test}\ntimeout: 25\n')
    expect(await decide(dir)).toEqual(['lesson.yaml:2:1 lesson.yaml `timeout` changed'])
  })

  it('runs everything when a refresh is asked for, and on a lesson that never ran', async () => {
    const dir = await ranLesson(md)
    expect(await decide(dir, true)).toEqual(['en.md:3:2 --refresh asked for it (forced)'])
    const fresh = await lessonsFolder({ l: { md } })
    expect(await decide(fresh)).toEqual(['en.md:3:2 no captures yet'])
  })
})
