// Sandbox host figures: ready time (start → first command runnable, redis:alpine and busybox
// loaded into the sandbox's engine), median of 7; and the per-cell overhead of a session inside
// a sandbox (N × `true` through `docker exec -it`) against the floor, one bash in the same
// sandbox reading the N commands from a script.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { VFile } from 'vfile'
import { parseLesson } from '../src/parse/index.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'
import { currentBuildOwner } from '../src/run/engine/labels.js'
import { createSandboxHost } from '../src/run/hosts/sandbox-host.js'
import { ShellSession } from '../src/run/session/session.js'
import { median } from './lessons.js'

const run = promisify(execFile)
const starts = Number(process.env.BENCH_STARTS ?? 7)
const cells = Number(process.env.BENCH_CELLS ?? 500)
const images = ['redis:alpine', 'busybox']

const configFile = new VFile({ path: 'lesson.yaml', value: `title: {en: Bench}\nimages: [${images.join(', ')}]\n` })
const file = new VFile({ path: 'en.md', value: '# Bench\n\n`true`{{execute}}\n' })
const plan = planLesson({ slug: 'bench-sandbox', locale: 'en', file, tree: await parseLesson(file), config: loadConfig(configFile)!, configFile })
const sandbox = () => createSandboxHost(plan, { owner: currentBuildOwner(), images, network: false })

const ready: number[] = []
for (let index = 0; index < starts; index++) {
  const host = sandbox()
  const started = performance.now()
  try {
    await host.start()
    // Ready means a command runs: open the lesson's shell and run one.
    const session = await ShellSession.open({ shell: host.shell })
    await session.run('docker image ls -q | wc -l', { timeoutMs: 10_000 })
    ready.push(performance.now() - started)
    await session.close()
  } finally {
    await host.stop()
  }
}
console.log(`sandbox ready time: start → first command run, ${images.join(' + ')} preloaded, ${starts} starts`)
console.log(`  median ${(median(ready) / 1000).toFixed(2)} s  (min ${(Math.min(...ready) / 1000).toFixed(2)} s, max ${(Math.max(...ready) / 1000).toFixed(2)} s; target ≤ 2.5 s)`)

const host = sandbox()
try {
  await host.start()
  const session = await ShellSession.open({ shell: host.shell })
  const started = performance.now()
  for (let index = 0; index < cells; index++) await session.run('true', { timeoutMs: 10_000 })
  const through = performance.now() - started
  await session.close()
  const { name } = host
  await run('docker', ['exec', name, 'bash', '-c', `yes true | head -n ${cells} > /tmp/cells.sh`])
  const floorStarted = performance.now()
  await run('docker', ['exec', name, 'bash', '--noprofile', '--norc', '/tmp/cells.sh'])
  const floor = performance.now() - floorStarted
  console.log(`session overhead inside a sandbox: ${cells} x \`true\``)
  console.log(`  through a session   ${through.toFixed(1)} ms  (${(through / cells).toFixed(3)} ms/cell)`)
  console.log(`  floor (bash script) ${floor.toFixed(1)} ms  (${(floor / cells).toFixed(3)} ms/cell, one docker exec included)`)
  console.log(`  overhead ${((through - floor) / cells).toFixed(3)} ms/cell over the floor (target ≤ 1 ms), ratio ${(through / floor).toFixed(1)}x`)
} finally {
  await host.stop()
}
