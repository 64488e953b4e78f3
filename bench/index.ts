// `npm run bench`: every benchmark in turn, each in its own process. Figures only: these
// machines are shared, so speed is read here and never enforced by a timed test.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const benches = ['startup', 'site-rebuild', 'live-cells', 'dev-reload', 'session-overhead', 'nested-shell', 'terminal-screen', 'sandbox', 'parallel', 'memory']
const only = process.argv.slice(2)
let failed = false
for (const name of only.length > 0 ? only : benches) {
  const result = spawnSync('node', [path.join(import.meta.dirname, `${name}.js`)], { stdio: 'inherit' })
  if (result.status !== 0) failed = true
  console.log('')
}
process.exit(failed ? 1 : 0)
