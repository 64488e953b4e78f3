// Tests that need a Docker engine: under CI=true they must run, so an unreachable engine
// fails them; elsewhere they are skipped with the reason printed.
import { execFileSync } from 'node:child_process'

function engineReachable(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 20_000 })
    return true
  } catch {
    return false
  }
}

/** True when the Docker tests should be skipped (never under CI). */
export const skipWithoutEngine: boolean = (() => {
  if (engineReachable()) return false
  if (process.env.CI === 'true') throw new Error('CI=true but no Docker engine answers `docker info`: .ci/run must install and start dockerd')
  console.warn('skipping Docker integration tests: no engine answers `docker info` (start one with `dockerd &`)')
  return true
})()
