// The search index: Pagefind (its Node API, whose binary ships inside the npm package) reads
// the written pages and writes one index per `<html lang>` into `<site>/pagefind/`. Only
// lesson bodies are indexed (`data-pagefind-body`): prose, commands and captured output.
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** Index the pages of `siteDir`; the index is written beside, then swapped in whole. */
export async function writeSearchIndex(siteDir: string): Promise<string> {
  // Loaded here: it starts a process, and only a build that writes pages needs it.
  const pagefind = await import('pagefind')
  const outputPath = join(siteDir, 'pagefind')
  const staging = `${outputPath}.tmp-${process.pid}`
  try {
    const { index, errors } = await pagefind.createIndex({ keepIndexUrl: true })
    if (!index) throw new Error(`Unexpected failure of the search indexer (pagefind): ${errors.join('; ')}`)
    const added = await index.addDirectory({ path: siteDir, glob: '*/*/index.html' })
    const written = added.errors.length > 0 ? added : await index.writeFiles({ outputPath: staging })
    if (written.errors.length > 0) throw new Error(`Unexpected search indexer (pagefind) errors: ${written.errors.join('; ')}`)
    await rm(outputPath, { recursive: true, force: true })
    await rename(staging, outputPath)
    return outputPath
  } finally {
    await rm(staging, { recursive: true, force: true })
    await pagefind.close()
  }
}
