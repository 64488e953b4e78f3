// A frozen rebuild of 100 lessons × 3 locales (300 pages, made from the committed lessons with
// their captures), side by side with the unified floor: remark-parse → remark-rehype →
// rehype-stringify of the same 300 Markdown files in one process. Each side runs in a child
// process of its own, alternating, three times; medians of wall and CPU time, peak RSS, and a
// second rebuild with nothing changed (pages whose inputs did not change are not rendered).
// CPU time counts every process of a side (the build's search indexer too).
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const count = Number(process.env.BENCH_LESSONS ?? 100)
const rounds = 3

interface Figures { wallMs: number; cpuMs: number; maxRssMiB: number }

/** `count` lessons, copies of the committed ones under new slugs, their captures with them. */
async function makeSite(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-site-'))
  const sources = (await readdir(path.join(root, 'lessons'))).sort()
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length]!
    const slug = `${source}-${i}`
    await cp(path.join(root, 'lessons', source), path.join(dir, slug), { recursive: true })
    const captures = path.join(dir, slug, 'captures.json')
    const frozen = JSON.parse(await readFile(captures, 'utf8')) as { lesson: string }
    frozen.lesson = slug
    await writeFile(captures, JSON.stringify(frozen, null, 2) + '\n')
  }
  return dir
}

/**
 * Run `body` (an ES module's text) in a child; it ends by printing its wall time and peak RSS.
 * CPU time is read by bash around it (`times`: the children it waited for, so the search
 * indexer's own process counts too).
 */
async function child(body: string): Promise<Figures> {
  const script = `
    const started = performance.now()
    ${body}
    console.log(JSON.stringify({ wallMs: performance.now() - started, maxRssMiB: process.resourceUsage().maxRSS / 1024 }))`
  const timed = 'node --input-type=module -e "$1" || exit 1; times'
  const { stdout } = await run('bash', ['--noprofile', '--norc', '-c', timed, 'bench', script], { cwd: root, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 2 ** 20 })
  const lines = stdout.trim().split('\n')
  // `times` prints the shell's own times, then its children's: "0m1.081s 0m0.024s".
  const children = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines.at(-1) ?? '')
  if (!children) throw new Error(`Unexpected output of bench child: ${stdout.slice(-500)}`)
  const [, userMin, userSec, sysMin, sysSec] = children.map(Number) as [number, number, number, number, number]
  const figures = JSON.parse(lines.at(-3)!) as Omit<Figures, 'cpuMs'>
  return { ...figures, cpuMs: (userMin * 60 + userSec + sysMin * 60 + sysSec) * 1000 }
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!
const summary = (all: Figures[]) => ({ wallMs: median(all.map((f) => f.wallMs)), cpuMs: median(all.map((f) => f.cpuMs)), maxRssMiB: Math.max(...all.map((f) => f.maxRssMiB)) })

const lessons = await makeSite()
const out = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-site-out-'))
const cli = JSON.stringify(path.join(root, 'dist-bench/src/cli.js'))
const buildBody = `
  const { main } = await import(${cli})
  const code = await main(['node', 'shellbook', 'build', '--lessons', ${JSON.stringify(lessons)}, '--out', ${JSON.stringify(out)}])
  if (code !== 0) throw new Error('build exited ' + code)`
const floorBody = `
  const { readdir, readFile } = await import('node:fs/promises')
  const { unified } = await import('unified')
  const { default: remarkParse } = await import('remark-parse')
  const { default: remarkRehype } = await import('remark-rehype')
  const { default: rehypeStringify } = await import('rehype-stringify')
  const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify)
  const dir = ${JSON.stringify(lessons)}
  let pages = 0
  for (const slug of await readdir(dir)) {
    for (const name of await readdir(dir + '/' + slug)) {
      if (!name.endsWith('.md')) continue
      String(await processor.process(await readFile(dir + '/' + slug + '/' + name, 'utf8')))
      pages++
    }
  }
  if (pages !== ${count * 3}) throw new Error('pages: ' + pages)`
try {
  const floor: Figures[] = []
  const first: Figures[] = []
  const second: Figures[] = []
  for (let round = 0; round < rounds; round++) {
    floor.push(await child(floorBody))
    await rm(out, { recursive: true, force: true })
    first.push(await child(buildBody))
    second.push(await child(buildBody))
  }
  const f = summary(floor)
  const a = summary(first)
  const b = summary(second)
  const line = (name: string, s: Figures) => `  ${name.padEnd(44)} wall ${s.wallMs.toFixed(0).padStart(6)} ms  CPU ${s.cpuMs.toFixed(0).padStart(6)} ms  peak RSS ${s.maxRssMiB.toFixed(1)} MiB`
  console.log(`site rebuild: ${count} lessons × 3 locales (${count * 3} pages), frozen captures, medians of ${rounds}`)
  console.log(line('unified floor (parse → rehype → stringify)', f))
  console.log(line('shellbook build, fresh out/', a))
  console.log(line('shellbook build again, nothing changed', b))
  console.log(`  fresh build / floor: CPU ${(a.cpuMs / f.cpuMs).toFixed(2)}×, wall ${(a.wallMs / f.wallMs).toFixed(2)}× (target ≤ 1.5×); peak RSS ${a.maxRssMiB.toFixed(1)} MiB (target ≤ 250 MiB)`)
  console.log(`  second build / first: CPU ${(b.cpuMs / a.cpuMs).toFixed(2)}×, wall ${(b.wallMs / a.wallMs).toFixed(2)}× (target ≤ 0.2×)`)
} finally {
  await rm(lessons, { recursive: true, force: true })
  await rm(out, { recursive: true, force: true })
}
