// Edits of `<locale>.md` that stay close to the lesson syntax: fences, nesting, markers,
// cell options, `:val[…]`, `<placeholders>`, console prompts, very long lines.
import type { Rng } from '../prng.js'
import { getText, insertLine, markdownFile, pickFile, setText, size, textMutator, yamlFile, type Mutator } from './mutator.js'

const marker = () => '`ls`{{execute}}'

const unbalancedFence = textMutator('unbalanced-fence', 5, markdownFile, (text, rng) => {
  const kind = rng.pick(['open', 'open-bash', 'open-tilde', 'close-execute', 'drop-closing', 'long-open', 'indented', 'in-quote'] as const)
  if (kind === 'drop-closing') {
    const closings = [...text.matchAll(/^```.*$/gm)]
    if (closings.length === 0) return [text + '\n```bash\n$ ls\n', kind]
    const last = closings[closings.length - 1]
    const at = last?.index ?? 0
    return [text.slice(0, at) + text.slice(at + (last?.[0].length ?? 0)), kind]
  }
  const piece = {
    'open': '```',
    'open-bash': '```bash {in=db}\n$ ls',
    'open-tilde': '~~~console\n$ echo tilde',
    'close-execute': '```{{execute}}',
    'long-open': '`'.repeat(rng.int(4, 40)) + 'bash',
    'indented': '    ```bash\n    $ ls\n    ```{{execute}}',
    'in-quote': '> ```bash\n> $ ls\n```{{execute}}',
  }[kind]
  return [insertLine(text, rng, piece), kind]
})

const deepBlockquote = textMutator('deep-blockquote', 3, markdownFile, (text, rng) => {
  const depth = size(rng, 20, 300, 6000)
  const spaced = rng.chance(0.5)
  return [insertLine(text, rng, (spaced ? '> ' : '>').repeat(depth) + ' ' + marker()), `${depth}${spaced ? ' spaced' : ''}`]
})

const deepList = textMutator('deep-list', 3, markdownFile, (text, rng) => {
  const depth = size(rng, 10, 100, 600)
  const bullet = rng.pick(['-', '*', '1.'])
  // A nested item is indented by the width of its parent's marker and space.
  const width = bullet.length + 1
  const lines = Array.from({ length: depth }, (_, i) => `${' '.repeat(i * width)}${bullet} level ${i}`)
  lines.push(`${' '.repeat(depth * width)}${bullet} ${marker()}`)
  return [insertLine(text, rng, lines.join('\n')), `${depth} ${bullet}`]
})

/** Lists nested by repeating the bullet on one line (`- - - - x`), which nests without indentation. */
const deepListLine = textMutator('deep-list-line', 2, markdownFile, (text, rng) => {
  const depth = size(rng, 20, 300, 3000)
  return [insertLine(text, rng, '- '.repeat(depth) + marker()), String(depth)]
})

const deepInline = textMutator('deep-inline', 3, markdownFile, (text, rng) => {
  const count = size(rng, 30, 1000, 20000)
  const [label, unit] = rng.pick([['brackets', '['], ['links', '[a]('], ['emphasis', '*'], ['backticks', '`'], ['angles', '<'], ['braces', '{{'], ['backslashes', '\\'], ['val', ':val[']] as const)
  return [insertLine(text, rng, unit.repeat(count) + marker()), `${label}×${count}`]
})

const oddAttributes = textMutator('odd-attributes', 5, markdownFile, (text, rng) => {
  const attribute = rng.pick([
    '{__proto__=1}', '{constructor=1}', '{toString}', '{hasOwnProperty=x}', '{valueOf=1 in=db}', '{in=db', '{in="db}',
    '{=}', '{exit=abc}', '{exit=1e309}', '{exit=-1}', '{timeout=-1}', '{timeout=0}', '{session=0}', '{session=99999999999999999999}',
    '{in=<nope>}', '{in=<__proto__>}', '{hidden norun pty}', '{in=db in=web}', '{}', '{{}}', '{ }', '{in=}', "{in='db'}", '{exit=1 exit=2}',
    '{\u0000}', '{in=d\u202Eb}', '{' + 'a=1 '.repeat(500) + '}',
  ])
  const where = rng.pick(['marker', 'fence', 'glued'] as const)
  if (where === 'fence') return [insertLine(text, rng, '```bash ' + attribute + '\n$ ls\n```'), `${attribute} fence`]
  if (where === 'glued') return [insertLine(text, rng, '`ls`{{execute}}' + attribute + 'word'), `${attribute} glued`]
  return [insertLine(text, rng, '`ls -l`{{execute}}' + attribute), `${attribute} marker`]
})

/** Commands, vars and placeholders named like Object.prototype members, with `waits:` naming them. */
const methodNames = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype']

const methodCommands: Mutator = {
  name: 'method-commands',
  weight: 5,
  apply(folder, rng) {
    const target = pickFile(folder, rng, markdownFile)
    if (target === undefined) return undefined
    const name = rng.pick(methodNames)
    const form = rng.pick(['marker', 'console', 'placeholder', 'val'] as const)
    const piece = {
      marker: '`' + name + '`{{execute}}',
      console: '```console\n$ ' + name + '\n```',
      placeholder: '`echo <' + name + '>`{{execute}}',
      val: 'The value is :val[' + name + '].',
    }[form]
    setText(folder, target, insertLine(getText(folder, target), rng, piece))
    const yaml = pickFile(folder, rng, yamlFile)
    const section = rng.pick(['waits', 'vars', 'both', 'none'] as const)
    if (yaml !== undefined && section !== 'none') {
      const lines: string[] = []
      if (section !== 'vars') lines.push(`waits:\n  ${name}: 'true'`)
      if (section !== 'waits') lines.push(`vars:\n  ${name}: echo 1`)
      // A second `waits:`/`vars:` key is a YAML error, so replace the base's sections.
      const text = getText(folder, yaml).replace(/^(waits|vars):(\n  .*)*$/gm, '')
      setText(folder, yaml, text.trimEnd() + '\n' + lines.join('\n') + '\n')
    }
    return `method-commands(${name} ${form} ${section}) ${target}`
  },
}

const markers = textMutator('markers', 4, markdownFile, (text, rng) => {
  const piece = rng.pick([
    '`ls`{{execute T2}}', '`ls`{{execute T0}}', '`ls`{{execute T99999999999999999999}}', '`ls`{{execute HOST2}}', '`ls`{{exec}}',
    '`ls`{{execute interrupt T3 no-newline}}', '`ls`{{}}', '`ls`{{copy}}{{execute}}', '`ls`{{execute', '`ls`{{ execute }}',
    '``{{execute}}', '` `{{execute}}', '`ls`{{execute}}{{execute}}{{execute}}', '{{execute}}', '`a`{{execute}}`b`{{execute}}glued',
    '```\n```{{execute}}', '```{{execute}}', '`ls`{{EXECUTE}}', '`ls`{{execute ctrl-seq}}', '`ls`{{execute T2 interrupt}}',
  ])
  return [insertLine(text, rng, piece), piece]
})

const valDirectives = textMutator('val', 3, markdownFile, (text, rng) => {
  const piece = rng.pick([':val[ppid]', ':val[]', ':val[nope]', ':val[ppid]{in=db}', '::val[ppid]', ':::val[ppid]\n:::', ':val[[ppid]]',
    ':val[pp id]', ':val[<ppid>]', ':val', ':val[ppid', ':VAL[ppid]', ':val[ppid]{}', '`:val[ppid]`', ':val[`ppid`]', ':val[\u202Eppid]'])
  return [insertLine(text, rng, `Value: ${piece} here.`), piece]
})

const placeholders = textMutator('placeholders', 3, markdownFile, (text, rng) => {
  const piece = rng.pick(['<ppid>', '<>', '<a b>', '<<ppid>>', '<ppid', '<nope>', '"<nope>"', "'<nope>'", '\\<nope>', '<ppid><ppid><ppid>', '<' + 'x'.repeat(5000) + '>', '<1abc>', '<-x>'])
  const form = rng.pick(['marker', 'console', 'prompt'] as const)
  if (form === 'marker') return [insertLine(text, rng, '`echo ' + piece + '`{{execute}}'), `${piece.slice(0, 20)} ${form}`]
  if (form === 'console') return [insertLine(text, rng, '```console\n$ echo ' + piece + '\n```'), `${piece.slice(0, 20)} ${form}`]
  return [insertLine(text, rng, '```console\n' + piece + '# ls\n```'), `${piece.slice(0, 20)} ${form}`]
})

const consolePrompts = textMutator('console-prompts', 4, markdownFile, (text, rng) => {
  const body = rng.pick(['$', '$ ', '$ \\', '$ ls \\', '# ', '#', '$$ ls', '/a b# ls', '/tmp$ ls', '~# ls', 'C:\\> dir', '$ ls\n...\n...', '...',
    '$ echo "unterminated', "$ echo 'a\n$ b'", '$ cat <<EOF\nx\nEOF', '\t$ ls', '  $ ls', '$\tls', '$ ls # comment', '$ ' + '\\\n'.repeat(50) + 'ls'])
  const info = rng.pick(['console', 'bash', 'sh', 'shell', 'shell-session', 'zsh', 'console {hidden}', 'bash{in=db}', 'CONSOLE', 'bash bash'])
  return [insertLine(text, rng, '```' + info + '\n' + body + '\n```'), `${info}: ${JSON.stringify(body).slice(0, 30)}`]
})

const htmlBlocks = textMutator('html', 2, markdownFile, (text, rng) => {
  const piece = rng.pick(['<details>\n\n`ls`{{execute}}\n\n</details>', '<pre>`ls`{{execute}}</pre>', '<!-- `ls`{{execute}}', '<script>alert(1)</script>',
    '<div>\n```bash\n$ ls\n```\n</div>', '<![CDATA[ `ls`{{execute}}', '</pre>', '&#0;&#xD800;&#x110000;&nbsp;'])
  return [insertLine(text, rng, piece), piece.slice(0, 20)]
})

/** Translations that part from the source: a cell dropped, a command changed, cells swapped. */
const diverge: Mutator = {
  name: 'diverge',
  weight: 3,
  apply(folder, rng) {
    const target = pickFile(folder, rng, markdownFile)
    if (target === undefined) return undefined
    const text = getText(folder, target)
    const kind = rng.pick(['drop', 'change', 'swap'] as const)
    const cells = [...text.matchAll(/`([^`\n]+)`\{\{execute[^}]*\}\}/g)]
    if (cells.length === 0) return undefined
    const cell = rng.pick(cells)
    const at = cell.index ?? 0
    let next = text
    if (kind === 'drop') next = text.slice(0, at) + text.slice(at + cell[0].length)
    if (kind === 'change') next = text.slice(0, at) + '`' + cell[1] + ' --changed`{{execute}}' + text.slice(at + cell[0].length)
    if (kind === 'swap') next = text + '\n' + cell[0] + '\n'
    setText(folder, target, next)
    return `diverge(${kind}) ${target}`
  },
}

/** Very long lines: a command of many words, a prompt line of `$ $ $ …`, a paragraph with no break. */
const longLines = textMutator('long-line', 3, markdownFile, (text, rng: Rng) => {
  const kind = rng.pick(['command-words', 'dollars', 'prose', 'sample-output'] as const)
  if (kind === 'command-words') {
    const words = size(rng, 200, 5000, 50_000)
    return [insertLine(text, rng, '`echo ' + 'word '.repeat(words).trimEnd() + '`{{execute}}'), `${kind} ${words}`]
  }
  if (kind === 'dollars') {
    const bytes = size(rng, 2_000, 100_000, 1_000_000)
    return [insertLine(text, rng, '```console\n' + '$ '.repeat(bytes / 2) + '\n```'), `${kind} ${bytes}`]
  }
  if (kind === 'prose') {
    const words = size(rng, 500, 10_000, 100_000)
    return [insertLine(text, rng, 'the container runs '.repeat(words / 3)), `${kind} ${words}`]
  }
  const lines = size(rng, 100, 5_000, 100_000)
  return [insertLine(text, rng, '```console\n$ ps aux\n' + 'root 1 0.0 init\n'.repeat(lines) + '```'), `${kind} ${lines}`]
})

/** Many cells: a translation or source with hundreds of markers. */
const manyCells = textMutator('many-cells', 1, markdownFile, (text, rng) => {
  const count = size(rng, 50, 500, 3000)
  return [text + '\n' + Array.from({ length: count }, (_, i) => '`echo ' + i + '`{{execute}}').join('\n\n') + '\n', String(count)]
})

export const markdownMutators: readonly Mutator[] = [
  unbalancedFence, deepBlockquote, deepList, deepListLine, deepInline, oddAttributes, methodCommands, markers, valDirectives,
  placeholders, consolePrompts, htmlBlocks, diverge, longLines, manyCells,
]
