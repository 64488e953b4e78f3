// Per-cell overhead inside a nested shell (the terminal moved into `sh` with `sh` typed as a
// cell, as after `docker exec -it box sh`): N trivial cells (`true`) typed inside, against the
// top-level session and the floor (one `sh` reading the same N commands from a script), all
// measured side by side in this run. Target: ≤ 2 ms per cell over the floor. Figures only.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { median, timeTrueCells } from './lessons.js'

const run = promisify(execFile)
const cells = Number(process.env.BENCH_CELLS ?? 500)
const rounds = 5

/** Cells typed at the top, or inside `sh` typed as a cell first. */
function cellsIn(nested: boolean): Promise<number> {
  return timeTrueCells(cells, async (session) => {
    if (!nested) return
    await session.run('sh', { timeoutMs: 10_000 })
    if (session.depth !== 1) throw new Error('the terminal did not move into `sh`')
  })
}

async function floor(script: string): Promise<number> {
  const start = performance.now()
  await run('sh', [script])
  return performance.now() - start
}

const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-bench-'))
try {
  const script = path.join(dir, 'cells.sh')
  await writeFile(script, 'true\n'.repeat(cells))
  const nested: number[] = []
  const top: number[] = []
  const bare: number[] = []
  for (let round = 0; round < rounds; round++) {
    nested.push(await cellsIn(true))
    top.push(await cellsIn(false))
    bare.push(await floor(script))
  }
  const perCell = (values: number[]) => median(values) / cells
  console.log(`nested shell overhead: ${cells} x \`true\` typed inside \`sh\`, median of ${rounds} rounds`)
  console.log(`  inside a nested sh   ${median(nested).toFixed(1)} ms  (${perCell(nested).toFixed(3)} ms/cell)`)
  console.log(`  top-level session    ${median(top).toFixed(1)} ms  (${perCell(top).toFixed(3)} ms/cell)`)
  console.log(`  floor (sh script)    ${median(bare).toFixed(1)} ms  (${perCell(bare).toFixed(3)} ms/cell)`)
  console.log(`  nested overhead ${(perCell(nested) - perCell(bare)).toFixed(3)} ms/cell over the floor (target ≤ 2 ms), ratio to the top-level session ${(median(nested) / median(top)).toFixed(2)}x`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
