// A live build of one lesson of N cells on the local host (`build --host local --refresh`,
// nothing frozen), side by side with the floor: one bash reading the same N commands from a
// script. Run for 200 cells and for 20, alternating, three rounds: the cost per cell over bash
// of the 200-cell build, and the cost of each cell added (the slope between the two sizes, where
// what a build pays once — start-up, the search index — cancels out).
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { cliBody, summary, timedChild, type Figures } from './child.js'

const run = promisify(execFile)
const sizes = [200, 20] as const
const rounds = 5

const command = (cell: number) => `echo cell ${cell} of the lesson`

/** A folder with one lesson of `cells` cells, and the same commands as a bash script. */
async function makeLesson(cells: number): Promise<{ lessons: string; script: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-live-'))
  const lesson = path.join(dir, 'lessons', 'live-cells')
  await mkdir(lesson, { recursive: true })
  await writeFile(path.join(lesson, 'lesson.yaml'), 'title: {en: Live cells}\nhost: local\n')
  const body = Array.from({ length: cells }, (_, index) => `Step ${index + 1}: \`${command(index + 1)}\`{{execute}}\n`).join('\n')
  await writeFile(path.join(lesson, 'en.md'), `# Live cells\n\n${body}`)
  const script = path.join(dir, 'cells.sh')
  await writeFile(script, Array.from({ length: cells }, (_, index) => command(index + 1)).join('\n') + '\n')
  return { lessons: path.join(dir, 'lessons'), script }
}

/** One bash reading `script`: its wall time and user+sys CPU time. */
async function bashFloor(script: string): Promise<Figures> {
  const timed = 'start=$EPOCHREALTIME; bash --noprofile --norc "$1" >/dev/null; end=$EPOCHREALTIME; times; echo "$start $end"'
  const { stdout } = await run('bash', ['--noprofile', '--norc', '-c', timed, 'bench', script])
  const lines = stdout.trim().split('\n')
  const [start, end] = lines.at(-1)!.split(' ').map(Number) as [number, number]
  const [, userMin, userSec, sysMin, sysSec] = (/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines.at(-2)!) ?? []).map(Number) as [number, number, number, number, number]
  return { wallMs: (end - start) * 1000, cpuMs: (userMin * 60 + userSec + sysMin * 60 + sysSec) * 1000, maxRssMiB: 0 }
}

const made = await Promise.all(sizes.map(makeLesson))
try {
  const builds = sizes.map(() => [] as Figures[])
  const floors = sizes.map(() => [] as Figures[])
  for (let round = 0; round < rounds; round++) {
    for (const [index, { lessons, script }] of made.entries()) {
      const out = path.join(path.dirname(lessons), 'out')
      await rm(out, { recursive: true, force: true })
      builds[index]!.push(await timedChild(cliBody(['build', '--lessons', lessons, '--out', out, '--host', 'local', '--refresh'])))
      floors[index]!.push(await bashFloor(script))
    }
  }
  const [big, small] = builds.map(summary) as [Figures, Figures]
  const [bigFloor, smallFloor] = floors.map(summary) as [Figures, Figures]
  const [cells, fewer] = sizes
  const line = (name: string, s: Figures) => `  ${name.padEnd(34)} wall ${s.wallMs.toFixed(0).padStart(6)} ms  CPU ${s.cpuMs.toFixed(0).padStart(6)} ms`
  console.log(`live build: one lesson on the local host, \`build --refresh\`, beside one bash reading the same commands; medians of ${rounds}`)
  console.log(line(`shellbook build, ${cells} cells`, big))
  console.log(line(`bash script, ${cells} commands`, bigFloor))
  console.log(line(`shellbook build, ${fewer} cells`, small))
  console.log(line(`bash script, ${fewer} commands`, smallFloor))
  const perCell = (key: 'wallMs' | 'cpuMs') => (big[key] - bigFloor[key]) / cells
  const slope = (key: 'wallMs' | 'cpuMs') => (big[key] - bigFloor[key] - (small[key] - smallFloor[key])) / (cells - fewer)
  console.log(`  ${cells}-cell build over bash, per cell: wall ${perCell('wallMs').toFixed(2)} ms, CPU ${perCell('cpuMs').toFixed(2)} ms (target ≤ 1 ms: ${perCell('wallMs') <= 1 ? 'met' : 'not met'})`)
  console.log(`  each cell added (${fewer} → ${cells} cells), over bash: wall ${slope('wallMs').toFixed(2)} ms, CPU ${slope('cpuMs').toFixed(2)} ms`)
} finally {
  await Promise.all(made.map(({ lessons }) => rm(path.dirname(lessons), { recursive: true, force: true })))
}
