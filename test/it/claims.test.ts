// Claims and output variables on a real sandbox, through the CLI: a value read from one cell's
// output (no shell) fills a later command and the prose, claims hold on the live run, and a
// claim changed afterwards fails the next build at its cell with a diff, against the frozen
// captures, with nothing re-executed.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { skipWithoutEngine } from './engine-required.js'

const root = path.resolve(import.meta.dirname, '../..')

function shellbook(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [path.join(root, 'bin/shellbook.js'), ...args], { cwd, maxBuffer: 16 * 2 ** 20 }, (error, _stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr })
    })
  })
}

const lessonYaml = (greeting: string) => `title: {en: Claims}
images: [busybox]
vars:
  pidns: {cell: ns, match: 'pid:\\[(\\d+)\\]'}
claims:
  ns: ["[..]pid -> 'pid:[[..]]'"]
  docker run --rm busybox echo hi: [${JSON.stringify(greeting)}]
`

const markdown = `# Claims

\`\`\`console {name=ns}
$ ls -l /proc/self/ns/pid
lrwxrwxrwx 1 root root 0 Jun 11 05:43 /proc/self/ns/pid -> 'pid:[4026532201]'
\`\`\`

The shell's pid namespace is :val[pidns].

\`\`\`console {claim="/^namespace \\d{6,}$/"}
$ echo namespace <pidns>
\`\`\`

\`docker run --rm busybox echo hi\`{{execute}}
`

describe.skipIf(skipWithoutEngine)('claims and output variables, live then frozen', () => {
  it('binds, claims, and fails a changed claim at its cell with a diff', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'shellbook-claims-'))
    const dir = path.join(work, 'lessons', 'claims')
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'lesson.yaml'), lessonYaml('hi'))
    await writeFile(path.join(dir, 'en.md'), markdown)

    const live = await shellbook(['build', '--host', 'sandbox', '--pull', 'never'], work)
    expect(live.stderr).not.toMatch(/ (error|warning) /)
    expect(live.stderr).toContain('built 1 lesson page(s)')
    expect(live.code).toBe(0)
    const captures = await readFile(path.join(dir, 'captures.json'), 'utf8')
    const cells = JSON.parse(captures).executions[0].cells as Array<{ command: string; output: string[] }>
    const inode = /pid:\[(\d+)\]/.exec(cells[0]!.output.join('\n'))?.[1]
    expect(inode).toMatch(/^\d{6,}$/)
    // The later command ran with the value read from the first cell's output, and the prose shows it.
    expect(cells[1]!.command).toBe(`echo namespace ${inode}`)
    const page = await readFile(path.join(work, 'out/site/en/claims/index.html'), 'utf8')
    expect(page).toContain(`<span class="val" title="pidns">${inode}</span>`)

    // A claim is no part of what runs: changing it re-runs nothing, and the frozen output is judged.
    await writeFile(path.join(dir, 'lesson.yaml'), lessonYaml('bye'))
    const frozen = await shellbook(['build', '--host', 'sandbox', '--pull', 'never'], work)
    expect(frozen.code).toBe(1)
    expect(frozen.stderr).toMatch(/en\.md\n.*14:2-14:\d+ +error +Unexpected output of `docker run --rm busybox echo hi`, expected it to hold `bye` \(lesson\.yaml `claims`\) +claim-failed/)
    expect(frozen.stderr).toMatch(/- bye\n +\+ hi\n/)
    expect(await readFile(path.join(dir, 'captures.json'), 'utf8')).toBe(captures)
  })
})
