// The catalogue of rule ids (src/messages.ts) is the one list: every rule is used by the
// code, and the README's list of rules says exactly what the catalogue says.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { rules } from '../src/messages.js'

const root = path.join(import.meta.dirname, '..')

function sourceText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && entry.name !== 'messages.ts')
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n')
}

/** The rows of the README's "Rules" table: `| \`rule-id\` | what it reports |`. */
function readmeRules(): Array<[string, string]> {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
  const section = readme.split(/^## /m).find((part) => part.startsWith('Rules'))
  expect(section, 'README has a "## Rules" section').toBeDefined()
  return [...section!.matchAll(/^\| `([a-z-]+)` \| (.+) \|$/gm)].map((match) => [match[1]!, match[2]!])
}

describe('rule catalogue', () => {
  it('has every rule used somewhere in src/', () => {
    const text = sourceText(path.join(root, 'src'))
    const unused = Object.keys(rules).filter((id) => !text.includes(`'${id}'`) && !text.includes(`\`${id}\``))
    expect(unused).toEqual([])
  })

  it('is what the README lists, rule by rule', () => {
    expect(readmeRules()).toEqual(Object.entries(rules))
  })
})
