// Progress of a build as a tagged union of events; the CLI is one consumer of them.
import type { Cell } from '../plan/index.js'
import type { CellCapture, Provenance } from '../captures/index.js'

/** `where` in cell events: the cell's file and line as a reader finds it (`step1/text.md:3`); absent, `line N` of the lesson file. */
export type RunEvent =
  | { kind: 'captures-frozen'; slug: string; locales: string[]; capturedAt: string }
  | {
      kind: 'captures-stale'
      slug: string
      locales: string[]
      reason: string
      host: Provenance['hostKind']
      /** DOCKER_HOST value of the engine it runs on; undefined for the environment's. */
      engine?: string | undefined
    }
  | { kind: 'lesson-start'; slug: string; locale: string; cells: number }
  | { kind: 'engine-skipped'; endpoint: string; reason: string }
  | { kind: 'host-ready'; slug: string; host: string; durationMs: number }
  | { kind: 'var'; slug: string; name: string; value: string }
  | { kind: 'cell-start'; slug: string; cell: Cell; index: number; total: number; where?: string | undefined }
  | { kind: 'cell-end'; slug: string; cell: Cell; capture: CellCapture; where?: string | undefined }
  | { kind: 'lesson-end'; slug: string; ok: boolean; durationMs: number }

/** Where events go; ignoring them is fine. */
export type RunEventHandler = (event: RunEvent) => void
