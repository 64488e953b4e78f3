// Loads the bundled CLI (dist/bundle/*.cjs) with V8's code cache: the bytecode V8 made for
// those files the last time is kept in dist/bundle/code-cache/ and handed back, so a command
// does not parse and compile the same megabyte of JavaScript on every start. Node 22 does
// this itself (module.enableCompileCache); on Node 20 each bundle file is compiled here
// through vm.Script with its cached data. A cache V8 rejects (another Node, a new bundle) is
// written again when the process exits; one that cannot be written (read-only install) is skipped.
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs')
const Module = require('node:module')
const path = require('node:path')
const vm = require('node:vm')

/** require() of `filename` (a file in a bundle folder), that folder's files compiled with a code cache. */
function requireWithCodeCache(filename) {
  const bundleDir = path.dirname(filename) + path.sep
  const cacheDir = path.join(bundleDir, 'code-cache')
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(cacheDir)
    return require(filename)
  }
  const toWrite = []
  const compile = Module.prototype._compile
  Module.prototype._compile = function (content, name) {
    // A file with an import() (of pagefind, an ES module) is left to Node: V8 loses the
    // dynamic-import callback of a script compiled from cached data on Node 20.
    if (!name.startsWith(bundleDir) || content.includes('import(')) return compile.call(this, content, name)
    const cacheFile = path.join(cacheDir, path.basename(name) + '.v8')
    const cachedData = readOrUndefined(cacheFile)
    const script = new vm.Script(Module.wrap(content), {
      filename: name,
      cachedData,
    })
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ script, cacheFile })
    const moduleRequire = Module.createRequire(name)
    return script.runInThisContext().call(this.exports, this.exports, moduleRequire, this, name, path.dirname(name))
  }
  // At exit, so the cache holds the functions this run compiled lazily, not only the top level.
  process.once('exit', () => writeCaches(cacheDir, toWrite))
  return require(filename)
}

function readOrUndefined(file) {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

function writeCaches(cacheDir, scripts) {
  if (scripts.length === 0) return
  try {
    mkdirSync(cacheDir, { recursive: true })
    for (const { script, cacheFile } of scripts) {
      // Written beside, then renamed: a command starting meanwhile reads a whole cache or none.
      const partial = `${cacheFile}.${process.pid}`
      writeFileSync(partial, script.createCachedData())
      renameSync(partial, cacheFile)
    }
  } catch {
    // A folder this user cannot write: the next start compiles the source again, as without a cache.
  }
}

module.exports = { requireWithCodeCache }
