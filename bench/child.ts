// A bench side run in a child process of its own: an ES module's text, timed from inside (wall,
// peak RSS) and from bash around it (`times`: user+sys CPU of every process it waited for, so a
// search indexer or a shell the child starts counts too).
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const root = path.resolve(import.meta.dirname, '../..')

export interface Figures { wallMs: number; cpuMs: number; maxRssMiB: number }

export async function timedChild(body: string): Promise<Figures> {
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
/** Medians of wall and CPU time; the highest peak RSS. */
export const summary = (all: Figures[]): Figures => ({ wallMs: median(all.map((f) => f.wallMs)), cpuMs: median(all.map((f) => f.cpuMs)), maxRssMiB: Math.max(...all.map((f) => f.maxRssMiB)) })

/** The body of a child that runs the CLI (the bench's compiled copy) with `args`. */
export function cliBody(args: string[]): string {
  const cli = JSON.stringify(path.join(root, 'dist-bench/src/cli.js'))
  return `
  const { main } = await import(${cli})
  const code = await main(['node', 'shellbook', ...${JSON.stringify(args)}])
  if (code !== 0) throw new Error('shellbook exited ' + code)`
}
