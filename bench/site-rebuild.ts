// A frozen rebuild of 100 lessons × 3 locales (300 pages, made from the committed lessons with
// their captures), side by side with the unified floor: remark-parse → remark-rehype →
// rehype-stringify of the same 300 Markdown files in one process. Each side runs in a child
// process of its own, alternating, three times; medians of wall and CPU time, peak RSS, and a
// second rebuild with nothing changed (pages whose inputs did not change are not rendered).
// CPU time counts every process of a side (the build's search indexer too).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { cliBody, root, summary, timedChild as child, type Figures } from './child.js'
import { copyLessons } from './lessons.js'

const count = Number(process.env.BENCH_LESSONS ?? 100)
const rounds = 3

const lessons = await copyLessons(path.join(root, 'lessons'), count)
const out = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-site-out-'))
const buildBody = cliBody(['build', '--lessons', lessons, '--out', out])
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
