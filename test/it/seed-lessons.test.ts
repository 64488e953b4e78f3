// Both seed lessons built end to end on the real engine (`--host local`), and the
// captures checked against what the engine itself reports while the lesson runs.
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.js'
import type { RunEvent } from '../../src/run/events.js'
import type { CellCapture, LessonRun } from '../../src/captures/types.js'
import { skipWithoutEngine } from './engine-required.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')

/** What the engine said, asked by the test itself right after a given cell ended. */
const observed: Record<string, Promise<string>> = {}
const ask = (key: string, ...argv: string[]) => {
  observed[key] = run(argv[0]!, argv.slice(1)).then((result) => result.stdout.trim())
}

const lessonStarts: string[] = []

function onEvent(event: RunEvent): void {
  if (event.kind === 'lesson-start') lessonStarts.push(`${event.slug} ${event.locale}`)
  if (event.kind !== 'cell-end') return
  if (event.capture.command === 'docker top db') ask('dbPid', 'docker', 'inspect', '-f', '{{.State.Pid}}', 'db')
  if (event.slug === 'container-namespaces' && event.capture.cwd?.startsWith('/proc/') && !observed.cgroupShim) {
    const shim = event.capture.cwd.split('/')[2]!
    ask('cgroupShim', 'readlink', `/proc/${shim}/ns/cgroup`)
    ask('pidShim', 'readlink', `/proc/${shim}/ns/pid`)
  }
}

let result: BuildResult
let outDir: string
let lessonsDir: string

function lessonRun(slug: string): LessonRun {
  const entry = result.lessons.find((lesson) => lesson.plan.slug === slug)
  expect(entry?.run, `${slug} ran`).toBeDefined()
  return entry!.run!
}

function capture(slug: string, command: string | ((cell: CellCapture) => boolean)): CellCapture {
  const found = Object.values(lessonRun(slug).cells).find((cell) =>
    typeof command === 'string' ? cell.command === command : command(cell),
  )
  expect(found, `a capture of ${command}`).toBeDefined()
  return found!
}

describe.skipIf(skipWithoutEngine)('seed lessons on the local engine', () => {
  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'shellbook-it-'))
    // A copy: the build writes captures.json beside the lessons, and --refresh makes it execute.
    lessonsDir = path.join(outDir, 'lessons')
    await cp(path.join(root, 'lessons'), lessonsDir, { recursive: true })
    result = await build({
      lessonsDir,
      refresh: true,
      outDir,
      templatesDir: path.join(root, 'templates'),
      imagesDir: path.join(root, 'images'),
      slugs: ['container-processes', 'container-namespaces'],
      host: 'local',
      pull: false,
      onEvent,
    })
  }, 300_000)

  it('runs every cell with its expected status, once per lesson for its three locales', () => {
    const messages = result.files.flatMap((file) => file.messages.map(String))
    expect(messages).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.report.lessons.map((lesson) => `${lesson.slug} ${lesson.locale} ${lesson.captures}`).sort()).toEqual([
      'container-namespaces en executed', 'container-namespaces fr executed', 'container-namespaces zh executed',
      'container-processes en executed', 'container-processes fr executed', 'container-processes zh executed',
    ])
    for (const lesson of result.report.lessons) {
      expect(lesson.cells.map((cell) => `${cell.id} ${cell.status}`)).toEqual(lesson.cells.map((cell) => `${cell.id} ok`))
    }
    // One execution serves every locale of a lesson: the same run object.
    for (const slug of ['container-processes', 'container-namespaces']) {
      const runs = new Set(result.lessons.filter((lesson) => lesson.plan.slug === slug).map((lesson) => lesson.run?.provenance.startedAt))
      expect(runs.size).toBe(1)
    }
    expect(lessonStarts.toSorted()).toEqual(['container-namespaces zh', 'container-processes fr'])
  })

  it('freezes what ran: a rebuild with no engine renders every page byte for byte', async () => {
    const frozen = await mkdtemp(path.join(tmpdir(), 'shellbook-it-frozen-'))
    const previous = process.env['DOCKER_HOST']
    process.env['DOCKER_HOST'] = 'unix:///nonexistent.sock'
    try {
      const again = await build({
        lessonsDir, outDir: frozen, templatesDir: path.join(root, 'templates'), imagesDir: path.join(root, 'images'), host: 'local', pull: false,
      })
      expect(again.ok, again.files.flatMap((file) => file.messages.map(String)).join('\n')).toBe(true)
      expect(new Set(again.report.lessons.map((lesson) => lesson.captures))).toEqual(new Set(['frozen']))
    } finally {
      if (previous === undefined) delete process.env['DOCKER_HOST']
      else process.env['DOCKER_HOST'] = previous
    }
    for (const locale of ['fr', 'zh', 'en']) {
      for (const slug of ['container-processes', 'container-namespaces']) {
        for (const file of [`site/${locale}/${slug}/index.html`, `md/${locale}/${slug}.md`]) {
          expect(await readFile(path.join(frozen, file), 'utf8'), file).toBe(await readFile(path.join(outDir, file), 'utf8'))
        }
      }
    }
  })

  it('fr: the PID in `docker top db` is the one docker inspect reported, and ps aux shows it', async () => {
    const top = capture('container-processes', 'docker top db').output
    const row = top.split('\n').find((line) => line.includes('redis-server'))!
    const [, pid, ppid] = row.trim().split(/\s+/)
    expect(pid).toBe(await observed.dbPid)
    const ps = capture('container-processes', 'ps aux | grep redis-server').output
    expect(ps.split('\n').some((line) => line.split(/\s+/)[1] === pid && line.includes('redis-server *:6379'))).toBe(true)
    // `<ppid>` was filled with the real parent, and that process is the containerd shim.
    expect(lessonRun('container-processes').vars.ppid).toBe(ppid)
    const parent = capture('container-processes', `ps aux | grep ${ppid}`).output
    expect(parent.split('\n').some((line) => line.split(/\s+/)[1] === ppid && line.includes('containerd-shim'))).toBe(true)
    expect(capture('container-processes', 'echo Redis is $DBPID').output.trim()).toBe(`Redis is ${pid}`)
  })

  it('fr: environ keeps its NUL bytes, `docker exec -it` works, and the page shows them', async () => {
    const environ = capture('container-processes', 'cat /proc/$DBPID/environ').output
    // redis-server rewrites its environ area for its process title: what is left is NULs.
    expect(environ).toContain('\0')
    expect(capture('container-processes', 'docker exec -it db env').output).toMatch(/^HOSTNAME=/m)
    const html = await readFile(path.join(outDir, 'site/fr/container-processes/index.html'), 'utf8')
    expect(html).toMatch(/<html[^>]* lang="fr"/)
    expect(html).toContain('␀')
    expect(html).toContain(`ps aux | grep ${lessonRun('container-processes').vars.ppid}`)
    const markdown = await readFile(path.join(outDir, 'md/fr/container-processes.md'), 'utf8')
    expect(markdown).not.toContain('{{execute}}')
    expect(markdown).toContain(`Redis is ${(await observed.dbPid)!}`)
  })

  it('zh: pstree shows the shim over the container process, with the PIDs the prose names', async () => {
    const { vars } = lessonRun('container-namespaces')
    const tree = capture('container-namespaces', 'pstree  -g').output
    // `pstree -g` draws with box characters in a UTF-8 terminal (`─┬─`), ASCII otherwise.
    expect(tree).toMatch(new RegExp(`containerd-shim\\(${vars.shim_pid}\\)[-+\`|─┬├└]+sh\\(${vars.box_pid}\\)`))
    const inside = capture('container-namespaces', 'ps').output
    expect(inside).toMatch(/^\s*1 root .* sh$/m)
  })

  it('zh: the container has its own pid namespace and shares the cgroup and user namespaces the host reports', async () => {
    const { vars } = lessonRun('container-namespaces')
    const shimNs = capture('container-namespaces', (c) => c.cwd === `/proc/${vars.shim_pid}/ns`)
    const boxNs = capture('container-namespaces', (c) => c.cwd === `/proc/${vars.box_pid}/ns`)
    const inode = (listing: string, ns: string) => new RegExp(` ${ns} -> '?${ns}:\\[(\\d+)\\]`).exec(listing)?.[1]
    expect(inode(shimNs.output, 'pid')).toBe(/\d+/.exec((await observed.pidShim)!)?.[0])
    expect(inode(boxNs.output, 'pid')).not.toBe(inode(shimNs.output, 'pid'))
    expect(inode(shimNs.output, 'cgroup')).toBe(/\d+/.exec((await observed.cgroupShim)!)?.[0])
    expect(inode(boxNs.output, 'cgroup')).toBe(vars.cgroup_ns)
    // The summary says so: the container's user namespace is the host's.
    expect(inode(boxNs.output, 'user')).toBe(inode(shimNs.output, 'user'))
  })

  it('zh: the page is Chinese and its prose numbers equal the output beside them', async () => {
    const { vars } = lessonRun('container-namespaces')
    const html = await readFile(path.join(outDir, 'site/zh/container-namespaces/index.html'), 'utf8')
    expect(html).toMatch(/<html[^>]* lang="zh"/)
    const markdown = await readFile(path.join(outDir, 'md/zh/container-namespaces.md'), 'utf8')
    expect(markdown).toContain(`启动了一个${vars.shim_pid}的进程，这个进程是${vars.shim_parent_pid}的子进程`)
    expect(markdown).toContain(`其实际上是${vars.shim_pid}的子进程${vars.box_pid}`)
    expect(markdown).toContain(`/proc/${vars.shim_pid}/ns# ls -l`)
    expect(markdown).toContain(`cgroup -> 'cgroup:[${vars.cgroup_ns}]'`)
  })

  it('removes the containers the lessons created', async () => {
    const { stdout } = await run('docker', ['ps', '-a', '--format', '{{.Names}} {{.Image}}'])
    expect(stdout).not.toMatch(/^db /m)
    expect(stdout).not.toMatch(/ busybox$/m)
  })
})
