// The search index: Pagefind (its Node API, whose binary ships inside the npm package) reads
// the lesson pages and writes one index per `<html lang>` into `<site>/pagefind/`. Only
// lesson bodies are indexed (`data-pagefind-body`): prose, commands and captured output.
// Pages are handed over as they are rendered, so Pagefind's process indexes them on another
// core while the next ones render; pages kept from an earlier build are read from disk at the end.
import { readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'

type Pagefind = typeof import('pagefind')
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>

export interface SearchIndexer {
  /** Index a lesson page; `sourcePath` relative to the site folder (`fr/slug/index.html`). */
  add(sourcePath: string, html: string): void
  /** Index the pages of `sourcePaths` not added yet, from disk; write the index beside, then swap it in whole. */
  write(sourcePaths: readonly string[]): Promise<string>
  /** Stop the indexer's process (also when the build failed before `write`). */
  close(): Promise<void>
}

export function openSearchIndex(siteDir: string): SearchIndexer {
  let started: Promise<{ pagefind: Pagefind; index: PagefindIndex }> | undefined
  // Loaded on first use: it starts a process, and only a build that writes pages needs it.
  const start = () => (started ??= import('pagefind').then(async (pagefind) => {
    const { index, errors } = await pagefind.createIndex({ keepIndexUrl: true })
    if (!index) throw new Error(`Unexpected failure of the search indexer (pagefind): ${errors.join('; ')}`)
    return { pagefind, index }
  }))
  const added = new Set<string>()
  const adding: Array<Promise<string[]>> = []
  const addPage = (sourcePath: string, content: string) => {
    added.add(sourcePath)
    const done = start().then(({ index }) => index.addHTMLFile({ sourcePath, content })).then((response) => response.errors)
    done.catch(() => {}) // read, in order, by write()
    adding.push(done)
  }
  return {
    add: addPage,
    async write(sourcePaths) {
      for (const sourcePath of sourcePaths) {
        if (added.has(sourcePath)) continue
        const html = await readFile(join(siteDir, sourcePath), 'utf8').catch((error: unknown) => {
          if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined // listed, never rendered
          throw error
        })
        if (html !== undefined) addPage(sourcePath, html)
      }
      const { index } = await start()
      const errors = (await Promise.all(adding)).flat()
      if (errors.length > 0) throw new Error(`Unexpected search indexer (pagefind) errors: ${errors.join('; ')}`)
      const outputPath = join(siteDir, 'pagefind')
      const staging = `${outputPath}.tmp-${process.pid}`
      try {
        const written = await index.writeFiles({ outputPath: staging })
        if (written.errors.length > 0) throw new Error(`Unexpected search indexer (pagefind) errors: ${written.errors.join('; ')}`)
        await rm(outputPath, { recursive: true, force: true })
        await rename(staging, outputPath)
        return outputPath
      } finally {
        await rm(staging, { recursive: true, force: true })
      }
    },
    async close() {
      if (started) await started.then(({ pagefind }) => pagefind.close(), () => {})
    },
  }
}
