// loadScenario, loaded only for a folder that is a scenario: its modules (zx's quote, tinyglobby
// for the assets) are no part of checking or building shellbook's own lessons.
import type { VFile } from 'vfile'
import type { LoadedScenario } from './load-scenario.js'

/** See load-scenario.ts. */
export async function loadScenario(dir: string, indexFile: VFile, source: string | undefined): Promise<LoadedScenario | undefined> {
  const loader = await import('./load-scenario.js')
  return loader.loadScenario(dir, indexFile, source)
}
