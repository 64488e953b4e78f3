// franc-min builds the trigram table of every language it knows (66) when it is imported: a
// third of `shellbook check`'s start-up beyond Node's own, though check compares two languages
// and guessing a locale seventeen. In the bundle (scripts/bundle.js) each language's table is
// built the first time franc reads it, from the same data in the same way, so its answers do
// not change (test/lazy-franc-tables.test.ts compares them). franc-min's text is matched
// exactly: a version that builds its tables otherwise fails the bundle instead of passing through.

const eager = /^for \(script in data\) \{[\s\S]*?^\}\n/m

const lazy = `for (script in data) {
  if (own.call(data, script)) {
    const languages = data[script]
    const tables = (numericData[script] = {})
    for (const name of Object.keys(languages)) {
      let trigrams
      Object.defineProperty(tables, name, {
        enumerable: true,
        get() {
          if (trigrams === undefined) {
            trigrams = {}
            const model = languages[name].split('|')
            for (let weight = model.length - 1; weight >= 0; weight--) trigrams[model[weight]] = weight
          }
          return trigrams
        },
      })
    }
  }
}
`

/** franc-min's index.js with its tables built on first use. */
export function lazyFrancTables(code) {
  const found = eager.exec(code)
  if (!found || !found[0].includes("languages[name].split('|')") || !found[0].includes('numericData[script][name] = trigrams')) {
    throw new Error('franc-min no longer builds its trigram tables as scripts/lazy-franc-tables.js expects: update it')
  }
  return code.replace(eager, lazy)
}
