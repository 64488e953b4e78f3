// The CLI as a few bundled files (dist/bundle/), made from the compiled modules in dist/ by
// `npm run compile`. Node loads some 350 ES modules for `shellbook check` one by one, each
// resolved, read and compiled on its own: most of check's start-up went there. A bundle keeps
// the lazy loading (each dynamic import() stays a chunk of its own, loaded when first needed).
// CommonJS, so that bin/code-cache.js can hand V8 the code it compiled last time (Node 20 has
// no code cache for ES modules). ASCII only and without doc comments: V8 scans a one-byte
// source faster than a two-byte one. Not minified, so stack traces stay readable. dist/ stays
// as tsc wrote it for the library entry (dist/index.js) and the tests that import modules.
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'
import { lazyFrancTables } from './lazy-franc-tables.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const outDir = `${root}dist/bundle`

// Left outside: node-pty is a native addon; pagefind finds its binary beside its own package.
const external = ['node-pty', 'pagefind', /^node:/]

// franc-min's trigram tables built on first use; a bundle without it fails below rather than start slower.
let francPatched = false
const lazyFranc = {
  name: 'lazy-franc-tables',
  transform: {
    filter: { id: /[\\/]franc-min[\\/]index\.js$/ },
    handler(code) {
      francPatched = true
      return { code: lazyFrancTables(code), map: null }
    },
  },
}

await rm(outDir, { recursive: true, force: true })
const bundle = await rolldown({
  plugins: [lazyFranc],
  // The page worker is an entry of its own: a thread starts it by its file (src/render/page-workers/pool.ts).
  input: { cli: `${root}dist/cli.js`, 'page-worker': `${root}dist/render/page-workers/worker.js` },
  platform: 'node',
  external,
  // Prefer each package's ES module build (jsonc-parser's UMD build requires its files by dynamic paths).
  resolve: { mainFields: ['module', 'main'] },
  logLevel: 'warn',
})
await bundle.write({
  dir: outDir,
  format: 'cjs',
  // .cjs: the package is "type": "module", so a .js file would be read as an ES module.
  entryFileNames: '[name].cjs',
  chunkFileNames: '[name]-[hash].cjs',
  sourcemap: true,
  charset: 'ascii',
  comments: { legal: true, annotation: false, jsdoc: false },
})
await bundle.close()
if (!francPatched) throw new Error('scripts/bundle.js: franc-min/index.js was not found in the bundle to build its tables lazily')
