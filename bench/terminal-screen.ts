// Cost of the terminal screen of one cell (src/render/terminal-screen/): `ps aux`-sized output
// (40 lines of 120 columns, some coloured) on the fast path, the same output forced through the
// emulator, and a `\r` progress bar (which needs it). Per run, a lesson's worth of cells through
// one emulator, as a build does; medians of many runs. Figures only, nothing enforced.
import { terminalScreens } from '../src/render/terminal-screen/index.js'
import { TerminalEmulator } from '../src/render/terminal-screen/emulator.js'
import { median } from './lessons.js'

const cells = Number(process.env.BENCH_CELLS ?? 100)
const runs = Number(process.env.BENCH_RUNS ?? 31)
const size = { cols: 200, rows: 50 }

const psAux = Array.from({ length: 40 }, (_, index) => {
  const user = index % 5 === 0 ? '\u001b[1;31mroot\u001b[0m    ' : 'root    '
  const line = `${user} ${String(100 + index * 7).padStart(6)}  0.${index % 10}  0.1 1537012 13284 ?        Sl   20:54   0:00 /usr/bin/containerd-shim-runc-v2 -namespace moby -id ${'c80ccfee6d2d'.repeat(4)}`
  return line.slice(0, 120)
}).join('\n') + '\n'
const progress = Array.from({ length: 101 }, (_, percent) => `\rDownloading  [${'='.repeat(Math.floor(percent / 5)).padEnd(20)}] ${percent}%`).join('') + '\nDownload complete\n'

/** Median ms per cell of `perRun`, which handles `cells` cells. */
async function perCell(perRun: () => Promise<unknown>): Promise<number> {
  await perRun() // warm-up: JIT, and xterm's first use
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    await perRun()
    times.push(performance.now() - started)
  }
  return median(times) / cells
}

const fastPath = await perCell(() => terminalScreens(Array.from({ length: cells }, (_, index) => [index, psAux] as const), size))
const emulated = async (output: string) => {
  const emulator = new TerminalEmulator(size)
  try {
    for (let index = 0; index < cells; index++) await emulator.screen(output)
  } finally {
    emulator.dispose()
  }
}
const forced = await perCell(() => emulated(psAux))
const bar = await perCell(() => terminalScreens(Array.from({ length: cells }, (_, index) => [index, progress] as const), size))
// xterm parses each write in a later macrotask (a setTimeout): the floor of any emulated cell.
const timer = await perCell(async () => {
  for (let index = 0; index < cells; index++) await new Promise((resolve) => setTimeout(resolve))
})
const fresh = await perCell(async () => {
  for (let index = 0; index < cells; index++) await terminalScreens([[0, progress]], size)
})

console.log(`terminal screens: ${cells} cells a run, median of ${runs} runs, terminal ${size.cols}×${size.rows}`)
console.log(`  ps aux (40 × 120, coloured), fast path    ${fastPath.toFixed(4)} ms/cell (target ≤ 0.2 ms)`)
console.log(`  the same, forced through the emulator     ${forced.toFixed(3)} ms/cell (${(forced / fastPath).toFixed(0)}x the fast path)`)
console.log(`  \\r progress bar (101 redraws)             ${bar.toFixed(3)} ms/cell (${(bar / fastPath).toFixed(0)}x)`)
console.log(`  (a bare setTimeout, xterm's pace per write  ${timer.toFixed(3)} ms)`)
console.log(`  the same, a new emulator for every cell   ${fresh.toFixed(3)} ms/cell (${(fresh / bar).toFixed(1)}x reusing one per lesson)`)
