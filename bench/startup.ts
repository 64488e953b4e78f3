// Start-up cost of the CLI: `shellbook --help` and `shellbook check <one lesson>` beside the
// floor, `node -e 0`, run interleaved (one of each per round, so a busy moment hits all three)
// from the project root. Each child runs under bash, which reads the clock around it
// ($EPOCHREALTIME) and its user+sys CPU time from the kernel (`times`: getrusage of the
// children it waited for). Medians. Prints figures, asserts nothing: these machines are shared.
// Needs the compiled CLI (`npm run compile`); BENCH_STARTUP_BIN points at another checkout's bin/shellbook.js.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { median } from './lessons.js'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.resolve(process.env.BENCH_STARTUP_BIN ?? path.join(root, 'bin/shellbook.js'))
const runs = Number(process.env.BENCH_RUNS ?? 15)
const lesson = 'container-processes'
const target = 2.5

interface Sample {
  wallMs: number
  cpuMs: number
}

const commands = [
  { label: 'node -e 0', argv: ['node', '-e', '0'] },
  { label: 'shellbook --help', argv: ['node', bin, '--help'] },
  { label: `shellbook check ${lesson}`, argv: ['node', bin, 'check', lesson] },
]

// `times` prints the shell's own times, then its children's: "0m0.081s 0m0.024s".
const timed = 'start=$EPOCHREALTIME; "$@" >/dev/null 2>&1; status=$?; end=$EPOCHREALTIME; times; echo "$start $end $status"'

/** One run of `argv` under bash: wall and child CPU time; throws if the command failed. */
function measure(argv: string[]): Sample {
  const result = spawnSync('bash', ['--noprofile', '--norc', '-c', timed, 'bench', ...argv], { cwd: root, encoding: 'utf8' })
  const lines = result.stdout.trim().split('\n')
  const [start, end, status] = (lines.at(-1) ?? '').split(' ').map(Number)
  const children = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines.at(-2) ?? '')
  if (result.status !== 0 || status !== 0 || !children || start === undefined || end === undefined) {
    throw new Error(`\`${argv.join(' ')}\` failed (exit ${status}): ${result.stderr}${result.stdout}`)
  }
  const [, userMin, userSec, sysMin, sysSec] = children.map(Number) as [number, number, number, number, number]
  return { wallMs: (end - start) * 1000, cpuMs: (userMin * 60 + userSec + sysMin * 60 + sysSec) * 1000 }
}

if (!existsSync(bin) || !existsSync(path.join(path.dirname(bin), '../dist/cli.js'))) {
  console.error(`startup: no compiled CLI beside ${bin}; run \`npm run compile\` first`)
  process.exit(1)
}
const samples = commands.map(() => [] as Sample[])
commands.forEach((command) => measure(command.argv)) // warm-up: the files into the page cache
for (let round = 0; round < runs; round++) commands.forEach((command, index) => samples[index]!.push(measure(command.argv)))

const figures = samples.map((runsOf) => ({ wall: median(runsOf.map((s) => s.wallMs)), cpu: median(runsOf.map((s) => s.cpuMs)) }))
const floor = figures[0]!
const shown = bin.startsWith(root + path.sep) ? path.relative(root, bin) : bin
console.log(`startup: medians of ${runs} interleaved runs each, ${shown}`)
console.log('  (wall: the clock around the child; CPU: its user+sys time, from the kernel via bash `times`)')
commands.forEach((command, index) => {
  const { wall, cpu } = figures[index]!
  const ratios = index === 0 ? 'the floor' : `${(wall / floor.wall).toFixed(2)}x wall, ${(cpu / floor.cpu).toFixed(2)}x CPU (target ≤ ${target}x wall: ${wall / floor.wall <= target ? 'met' : 'not met'})`
  console.log(`  ${command.label.padEnd(36)} ${wall.toFixed(0).padStart(5)} ms wall ${cpu.toFixed(0).padStart(5)} ms CPU  ${ratios}`)
})
