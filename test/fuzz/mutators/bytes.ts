// Edits that ignore the syntax: flipped bits, cut files, odd code points, NULs, line endings, BOMs.
import { bytesOf, file } from '../folder.js'
import type { Rng } from '../prng.js'
import { getText, insertAt, pickFile, setText, textMutator, type Mutator } from './mutator.js'

const anyFile = /./

/** Code points that upset text handling: bidi controls, combining marks, astral, lone surrogates, separators. */
const oddPieces: ReadonlyArray<readonly [string, string]> = [
  ['rlo', '\u202E'], ['rlm', '\u200F'], ['lrm', '\u200E'], ['zwj', '\u200D'], ['zwsp', '\u200B'],
  ['combining', 'e' + '\u0301\u0302\u0303\u0304'.repeat(8)], ['astral', '😀𝕏𠀀'], ['flag', '🇫🇷'],
  ['lone-high', '\uD800'], ['lone-low', '\uDC00'], ['line-separator', '\u2028'], ['paragraph-separator', '\u2029'],
  ['bom-inside', '\uFEFF'], ['nbsp', '\u00A0'], ['fullwidth-dollar', '＄ '], ['replacement', '\uFFFD'], ['nel', '\u0085'],
  ['ideographic-space', '\u3000'], ['vertical-tab', '\u000B'], ['form-feed', '\u000C'], ['escape', '\u001B[31m'],
]

const byteFlip: Mutator = {
  name: 'byte-flip',
  weight: 6,
  apply(folder, rng) {
    const target = pickFile(folder, rng, anyFile)
    const entry = target === undefined ? undefined : folder.get(target)
    const bytes = entry ? bytesOf(entry) : undefined
    if (target === undefined || !bytes || bytes.length === 0) return undefined
    const copy = Uint8Array.from(bytes)
    const flips = rng.int(1, 8)
    for (let i = 0; i < flips; i++) {
      const at = rng.int(0, copy.length - 1)
      copy[at] = (copy[at] ?? 0) ^ (1 << rng.int(0, 7))
    }
    folder.set(target, file(copy))
    return `byte-flip(${flips}) ${target}`
  },
}

/** Cut at a byte offset: may split a UTF-8 sequence, a fence, a YAML mapping, a JSON string. */
const truncate: Mutator = {
  name: 'truncate',
  weight: 5,
  apply(folder, rng) {
    const target = pickFile(folder, rng, anyFile)
    const entry = target === undefined ? undefined : folder.get(target)
    const bytes = entry ? bytesOf(entry) : undefined
    if (target === undefined || !bytes) return undefined
    const at = rng.int(0, bytes.length)
    folder.set(target, file(bytes.slice(0, at)))
    return `truncate(${at}/${bytes.length}) ${target}`
  },
}

/** Raw bytes no UTF-8 decoder accepts: a CESU-encoded surrogate, an overlong form, a cut sequence. */
const badUtf8: Mutator = {
  name: 'bad-utf8',
  weight: 2,
  apply(folder, rng) {
    const target = pickFile(folder, rng, anyFile)
    const entry = target === undefined ? undefined : folder.get(target)
    const bytes = entry ? bytesOf(entry) : undefined
    if (target === undefined || !bytes) return undefined
    const [label, piece] = rng.pick([['cesu-surrogate', [0xed, 0xa0, 0x80]], ['overlong', [0xc0, 0xaf]], ['cut', [0xe4, 0xb8]], ['ff', [0xff, 0xfe]]] as const)
    const at = rng.int(0, bytes.length)
    folder.set(target, file(Buffer.concat([bytes.slice(0, at), Uint8Array.from(piece), bytes.slice(at)])))
    return `bad-utf8(${label}@${at}) ${target}`
  },
}

const oddUnicode = textMutator('odd-unicode', 6, anyFile, (text, rng) => {
  const count = rng.int(1, 6)
  const labels: string[] = []
  for (let i = 0; i < count; i++) {
    const [label, piece] = rng.pick(oddPieces)
    labels.push(label)
    text = insertAt(text, rng, piece)
  }
  return [text, labels.join(',')]
})

const nulBytes = textMutator('nul', 3, anyFile, (text, rng) => {
  const count = rng.int(1, 4)
  for (let i = 0; i < count; i++) text = insertAt(text, rng, '\0')
  return [text, String(count)]
})

const lineEndings = textMutator('line-endings', 4, anyFile, (text, rng) => {
  const style = rng.pick(['crlf', 'cr', 'mixed', 'none'] as const)
  if (style === 'crlf') return [text.replaceAll('\n', '\r\n'), style]
  if (style === 'cr') return [text.replaceAll('\n', '\r'), style]
  if (style === 'none') return [text.replaceAll('\n', ''), style]
  return [text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r'])), style]
})

const bom: Mutator = {
  name: 'bom',
  weight: 3,
  apply(folder, rng) {
    const target = pickFile(folder, rng, anyFile)
    if (target === undefined) return undefined
    const count = rng.int(1, 2)
    setText(folder, target, '\uFEFF'.repeat(count) + getText(folder, target))
    return `bom(${count}) ${target}`
  },
}

const empty = textMutator('empty', 2, anyFile, (_text, rng) => {
  const content = rng.pick(['', '\n', ' ', '\uFEFF', '\0', '\n\n\n', '\t'])
  return [content, JSON.stringify(content)]
})

/** Repeat a slice elsewhere: duplicated cells, keys and fences, as a bad merge leaves them. */
const splice = textMutator('splice', 3, anyFile, (text, rng) => {
  const start = rng.int(0, text.length)
  const end = Math.min(text.length, start + rng.int(1, 200))
  return [insertAt(text, rng, text.slice(start, end)), `${start}-${end}`]
})

export const byteMutators: readonly Mutator[] = [byteFlip, truncate, badUtf8, oddUnicode, nulBytes, lineEndings, bom, empty, splice]
