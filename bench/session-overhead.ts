// Per-cell overhead of a shell session: N trivial cells (`true`) through ShellSession against
// the floor, one bash reading the same N commands from a script. Prints figures, asserts nothing:
// these machines are shared, so speed is read here, not enforced by a timed test.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { median, timeTrueCells } from './lessons.js'

const run = promisify(execFile)
const cells = Number(process.env.BENCH_CELLS ?? 500)
const rounds = 5

async function floor(script: string): Promise<number> {
  const start = performance.now()
  await run('bash', ['--noprofile', '--norc', script])
  return performance.now() - start
}

const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-'))
try {
  const script = path.join(dir, 'cells.sh')
  await writeFile(script, 'true\n'.repeat(cells))
  const session: number[] = []
  const bare: number[] = []
  for (let round = 0; round < rounds; round++) {
    session.push(await timeTrueCells(cells))
    bare.push(await floor(script))
  }
  const perCell = median(session) / cells
  const floorPerCell = median(bare) / cells
  console.log(`session overhead: ${cells} x \`true\`, median of ${rounds} rounds`)
  console.log(`  through a session  ${median(session).toFixed(1)} ms  (${perCell.toFixed(3)} ms/cell)`)
  console.log(`  floor (bash script) ${median(bare).toFixed(1)} ms  (${floorPerCell.toFixed(3)} ms/cell)`)
  console.log(`  overhead ${(perCell - floorPerCell).toFixed(3)} ms/cell over the floor (target ≤ 0.5 ms), ratio ${(median(session) / median(bare)).toFixed(1)}x`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
