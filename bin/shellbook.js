#!/usr/bin/env node
// The compiled CLI is bundled into dist/bundle/ (`npm run compile`); this file only starts it.
// CommonJS (bin/package.json): Node then starts without its ES module loader.
const path = require('node:path')
const { requireWithCodeCache } = require('./code-cache.js')

const { main } = requireWithCodeCache(path.join(__dirname, '../dist/bundle/cli.cjs'))
main(process.argv).then(
  // Once stdout and stderr have taken everything written: nothing is left to wait for, and a
  // process left to end by itself spends its last tens of milliseconds on garbage collection.
  (code) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code))),
  (error) => {
    process.exitCode = 1
    throw error
  },
)
