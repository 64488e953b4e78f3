// Edits of lesson.yaml: YAML the parser rejects or resolves oddly, and values of the wrong type.
import type { Rng } from '../prng.js'
import { insertLine, size, textMutator, yamlFile, type Mutator } from './mutator.js'

/** Replace top-level `key` (its line and the indented lines under it) with `key: value`, or add it. */
export function setTopKey(yaml: string, key: string, value: string): string {
  const kept = yaml.replace(new RegExp(`^${key.replace(/[^\w]/g, '\\$&')}:.*(\\n[ \\t#].*)*\\n?`, 'm'), '')
  return kept.trimEnd() + `\n${key}:${value.startsWith('\n') ? '' : ' '}${value}\n`
}

const topKeys = ['title', 'source', 'images', 'host', 'network', 'timeout', 'setup', 'teardown', 'vars', 'waits', 'containers', 'terminal']

const unresolvedAlias = textMutator('yaml-unresolved-alias', 4, yamlFile, (text, rng) => {
  const where = rng.pick(['top', 'title', 'vars', 'item', 'key', 'merge'] as const)
  if (where === 'top') return ['*nope\n', where]
  if (where === 'title') return [setTopKey(text, 'title', '*nope'), where]
  if (where === 'vars') return [setTopKey(text, 'vars', '\n  ppid: *nope'), where]
  if (where === 'item') return [setTopKey(text, 'images', '[busybox, *nope]'), where]
  if (where === 'key') return [setTopKey(text, 'waits', '\n  *nope : true'), where]
  return [setTopKey(text, 'terminal', '\n  <<: *nope'), where]
})

/** The billion-laughs shape: each level repeats the one before, under a key the schema rejects or a var. */
const aliasBomb = textMutator('yaml-alias-bomb', 2, yamlFile, (text, rng) => {
  const levels = rng.int(3, 9)
  const width = rng.int(3, 10)
  const lines = [`a0: &a0 [lol]`]
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`)
  const under = rng.pick(['vars', 'top'] as const)
  const bomb = under === 'vars' ? setTopKey(text, 'vars', '\n' + lines.map((line) => '  ' + line).join('\n')) : text.trimEnd() + '\n' + lines.join('\n') + '\n'
  return [bomb, `${width}^${levels} ${under}`]
})

const tabs = textMutator('yaml-tabs', 3, yamlFile, (text, rng) => {
  const kind = rng.pick(['indent', 'after-colon', 'everywhere'] as const)
  if (kind === 'indent') return [text.replace(/^ +/gm, '\t'), kind]
  if (kind === 'after-colon') return [text.replace(/: /g, ':\t'), kind]
  return [text.replace(/ /g, '\t'), kind]
})

/** Values of the wrong type for each field (a list for the title, a string for vars, numbers for strings…). */
const wrongTypes: ReadonlyArray<readonly [string, string]> = [
  ['title', '[a, b]'], ['title', 'Just a string'], ['title', '{fr: 12}'], ['title', '{fr: ""}'], ['title', '{fr: [x]}'], ['title', '{}'], ['title', '~'],
  ['title', '{__proto__: x}'], ['title', '{constructor: x, en: y}'], ['source', '12'], ['source', 'klingon'], ['source', '[fr]'], ['source', 'de'],
  ['images', '3'], ['images', 'busybox'], ['images', '[3, true, ~]'], ['images', '[""]'], ['images', '{a: b}'],
  ['host', 'ssh://x'], ['host', '[local]'], ['network', 'yes'], ['network', '"true"'],
  ['timeout', '"30"'], ['timeout', '-1'], ['timeout', '.nan'], ['timeout', '.inf'], ['timeout', '1e400'], ['timeout', '0x10'], ['timeout', '[30]'],
  ['setup', '{a: 1}'], ['setup', 'echo hi'], ['setup', '[[nested]]'], ['setup', '[1, 2]'], ['teardown', '[""]'],
  ['vars', 'a string'], ['vars', '[a, b]'], ['vars', '{x: 12}'], ['vars', '{x: [1]}'], ['vars', '{"bad name": x}'], ['vars', '{__proto__: echo 1}'],
  ['vars', '{constructor: echo 1}'], ['vars', '{"": x}'], ['vars', '{x: ~}'], ['vars', '{1: x}'],
  ['waits', '[x]'], ['waits', '{ls: 3}'], ['waits', '{"": x}'], ['waits', '{__proto__: x}'], ['waits', 'ls'], ['waits', '{? [a, b] : c}'],
  ['containers', '~'], ['containers', '[[db]]'], ['containers', 'db'], ['containers', '[3]'],
  ['terminal', '{cols: 1e400}'], ['terminal', '{cols: -1, rows: x}'], ['terminal', '[80, 24]'], ['terminal', '{cols: 80.5}'], ['terminal', '{extra: 1}'],
]

const wrongType = textMutator('yaml-wrong-type', 6, yamlFile, (text, rng) => {
  const [key, value] = rng.pick(wrongTypes)
  return [setTopKey(text, key, value), `${key}: ${value}`]
})

/** YAML features a lesson never needs but a parser must survive: tags, merges, documents, directives, complex keys. */
const oddFeatures = textMutator('yaml-odd', 4, yamlFile, (text, rng) => {
  const piece = rng.pick([
    '---\ntitle: {en: Second document}', '...', '%YAML 2.0', '%TAG ! tag:x,2000:', 'vars: !!binary aGVsbG8=', 'images: !!set {a, b}',
    'images: !!omap [a: 1]', 'vars: !!js/function "function(){}"', 'title: !custom {en: x}', '? [a, b]\n: c', '? {a: b}\n: c',
    'title: &t {en: T}\nsetup: [*t]', 'base: &b {cols: 80}\nterminal: {<<: *b}', 'title: {en: A}\ntitle: {en: B}', '&anchor title: {en: X}',
    'vars: {x: "\\uD800"}', 'vars: {x: "\\x00"}', "vars: {x: 'a\n\n  b'}", 'vars:\n  x: |\n    multi\n    line', 'vars:\n  x: >-\n    folded',
    '"title": {"en": "json style"}', 'title: {en: "unterminated', 'title: [en', 'images: [a, b', 'vars: {a: b', '- a list\n- at top',
    'just a scalar', '"x": &a\n  - *a', '!!str title: {en: x}', 'vars:\n  x: echo 1\n   y: echo 2', 'timeout: 0b101', 'timeout: 1_000',
  ])
  return [insertLine(text, rng, piece), piece.split('\n')[0] ?? piece]
})

/** Deep YAML: flow `[[[…`, block maps nested N levels, long anchors chains. */
const deepYaml = textMutator('yaml-deep', 2, yamlFile, (text, rng: Rng) => {
  const depth = size(rng, 50, 1000, 10000)
  const kind = rng.pick(['flow-seq', 'flow-map', 'block-map', 'block-seq'] as const)
  if (kind === 'flow-seq') return [setTopKey(text, 'images', '['.repeat(depth) + ']'.repeat(depth)), `${kind} ${depth}`]
  if (kind === 'flow-map') return [setTopKey(text, 'terminal', '{a: '.repeat(depth) + '1' + '}'.repeat(depth)), `${kind} ${depth}`]
  if (kind === 'block-map') {
    const lines = Array.from({ length: Math.min(depth, 2000) }, (_, i) => `${' '.repeat(i + 2)}k${i}:`)
    return [setTopKey(text, 'vars', '\n' + lines.join('\n') + ' x'), `${kind} ${Math.min(depth, 2000)}`]
  }
  return [setTopKey(text, 'setup', '\n' + Array.from({ length: Math.min(depth, 2000) }, (_, i) => `${' '.repeat(i + 2)}-`).join('\n') + ' x'), `${kind} ${Math.min(depth, 2000)}`]
})

const structure = textMutator('yaml-structure', 2, yamlFile, (text, rng) => {
  const kind = rng.pick(['no-title', 'only-comments', 'unknown-key', 'null', 'number', 'list', 'drop-key'] as const)
  if (kind === 'no-title') return [text.replace(/^title:.*(\n[ \t].*)*/m, ''), kind]
  if (kind === 'only-comments') return ['# nothing here\n# at all\n', kind]
  if (kind === 'unknown-key') return [text + 'imagez: [busybox]\n', kind]
  if (kind === 'null') return ['~\n', kind]
  if (kind === 'number') return ['42\n', kind]
  if (kind === 'list') return ['- title\n- images\n', kind]
  const key = rng.pick(topKeys)
  return [text.replace(new RegExp(`^${key}:.*(\\n[ \\t].*)*`, 'm'), ''), `${kind} ${key}`]
})

export const yamlMutators: readonly Mutator[] = [unresolvedAlias, aliasBomb, tabs, wrongType, oddFeatures, deepYaml, structure]
