// The defaults of build(), in one place: build.ts applies them, the CLI's help names them.
// Kept apart from build.ts (which loads the whole pipeline) so `shellbook --help` stays light.
import os from 'node:os'
import { defaultMaxLines } from './render/output-lines.js'

/** The defaults of build(), one place (the CLI's help shows them). */
export const buildDefaults = { lessonsDir: 'lessons', outDir: 'out', templatesDir: 'templates', imagesDir: 'images', waitLockMs: 600_000, maxLines: defaultMaxLines } as const

/** Executions at once by default: two per core (lessons mostly wait), as far as free memory holds a sandbox each (~512 MiB). */
export function defaultJobs(): number {
  return Math.max(1, Math.min(os.availableParallelism() * 2, Math.floor(os.freemem() / 2 ** 29)))
}

/**
 * Threads rendering pages beside the build's own, by default: one per core beyond two, at most
 * three. The search indexer's process takes the second core; on two cores a page worker
 * measured no faster (`npm run bench`) and held some 50 MiB more.
 */
export function defaultPageWorkers(): number {
  return Math.max(0, Math.min(3, os.availableParallelism() - 2))
}
