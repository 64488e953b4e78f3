// Cells that come back to a container's shell (`docker attach`), told from the cells before them.
import { describe, expect, it } from 'vitest'
import { markShellAttaches } from '../src/plan/shell-containers.js'
import type { Cell } from '../src/plan/types.js'

const cell = (command: string) => ({ command, options: { session: '1' } }) as unknown as Cell

describe('attaching to a container\'s shell', () => {
  it('is a cell attaching to a container an earlier cell started with a shell on a terminal', () => {
    const cells = [
      cell('docker attach early'),
      cell('docker run -dit --name box alpine'),
      cell('docker run -it --name app debian:12 bash'),
      cell('docker run -d --name web nginx'),
      cell('docker run -dit --name redis redis:alpine'),
      cell('docker attach box'),
      cell('docker container attach app'),
      cell('docker start -ai app'),
      cell('docker attach web'),
      cell('docker attach redis'),
      cell('docker start app'),
      cell('docker attach early'),
    ]
    markShellAttaches(cells)
    expect(cells.filter((entry) => entry.attachesShell).map((entry) => entry.command)).toEqual(['docker attach box', 'docker container attach app', 'docker start -ai app'])
  })
})
