// Masks secrets in text before anything is written: the built-in detectors, and the
// secrets a lesson names (values from the build's environment or lesson.yaml, and patterns),
// also in the base64 and URL-encoded forms CI systems mask theirs in.
//
// A mask is `⟦redacted:<kind>:<n>⟧` (captures/redaction.ts): the same secret always gets the same n within a lesson
// (first seen, first numbered), so two outputs that printed one key still show one key, and
// rebuilding from the same captures gives the same bytes. The mask says nothing of the secret.
import { redaction } from '../../captures/index.js'
import { detectors } from './detectors.js'

/** What a lesson asks to be masked, beside the built-in detectors. */
export interface LessonSecrets {
  /** Literal values (from the build's environment or lesson.yaml). */
  values: readonly string[]
  /** Regular expressions; the whole match is the secret. */
  patterns: readonly RegExp[]
}

/** Values too short to mask without masking everything (`a`, `1`). */
const MIN_VALUE_LENGTH = 4

export class SecretMasker {
  readonly #numbers = new Map<string, string>()
  readonly #counts = new Map<string, number>()
  readonly #literals: Array<{ text: string; kind: string }>
  readonly #patterns: readonly RegExp[]

  constructor(secrets: LessonSecrets = { values: [], patterns: [] }) {
    const literals = secrets.values.filter((value) => value.length >= MIN_VALUE_LENGTH).flatMap((value) => encodings(value).map((text) => ({ text, kind: 'secret' })))
    // Longest first: a secret's base64 form never leaves a shorter one half-masked.
    this.#literals = [...new Map(literals.map((literal) => [literal.text, literal])).values()].sort((a, b) => b.text.length - a.text.length)
    this.#patterns = secrets.patterns.map((pattern) => new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))
  }

  /** `text` with every secret replaced by its mask. */
  mask(text: string): string {
    let out = text
    for (const { text: literal, kind } of this.#literals) {
      if (out.includes(literal)) out = out.split(literal).join(this.#maskOf(kind, literal))
    }
    for (const pattern of this.#patterns) out = out.replace(pattern, (match) => (match === '' ? match : this.#maskOf('secret', match)))
    for (const { kind, pattern } of detectors) {
      out = out.replace(pattern, (match, ...rest) => {
        const groups = rest.at(-1) as Record<string, string | undefined> | undefined
        const secret = typeof groups === 'object' && groups?.secret !== undefined ? groups.secret : match
        if (secret.startsWith('⟦redacted:')) return match
        const at = match.lastIndexOf(secret)
        return match.slice(0, at) + this.#maskOf(kind, secret) + match.slice(at + secret.length)
      })
    }
    return out
  }

  /** Where `text` holds secrets (character offsets), without masking: for `check` of committed files. */
  locate(text: string): Array<{ kind: string; index: number }> {
    const found: Array<{ kind: string; index: number }> = []
    for (const { text: literal, kind } of this.#literals) {
      for (let index = text.indexOf(literal); index !== -1; index = text.indexOf(literal, index + literal.length)) found.push({ kind, index })
    }
    for (const pattern of this.#patterns) for (const match of text.matchAll(pattern)) if (match[0] !== '') found.push({ kind: 'secret', index: match.index })
    for (const { kind, pattern } of detectors) {
      for (const match of text.matchAll(pattern)) {
        const secret = match.groups?.secret ?? match[0]
        // A mask where a password was (`postgres://app:⟦redacted:…⟧@db`) is no secret.
        if (!secret.startsWith('⟦redacted:')) found.push({ kind, index: match.index + match[0].lastIndexOf(secret) })
      }
    }
    return found.sort((a, b) => a.index - b.index)
  }

  #maskOf(kind: string, secret: string): string {
    const known = this.#numbers.get(secret)
    if (known !== undefined) return known
    const n = (this.#counts.get(kind) ?? 0) + 1
    this.#counts.set(kind, n)
    const mask = redaction(kind, n)
    this.#numbers.set(secret, mask)
    return mask
  }
}

/** A value as it may be printed: itself, base64 (standard and URL-safe, unpadded too), URL-encoded. */
function encodings(value: string): string[] {
  const base64 = Buffer.from(value).toString('base64')
  const forms = [value, base64, base64.replace(/=+$/, ''), Buffer.from(value).toString('base64url'), encodeURIComponent(value)]
  // `echo $SECRET | base64` encodes a trailing newline too.
  forms.push(Buffer.from(`${value}\n`).toString('base64'))
  return [...new Set(forms)].filter((form) => form.length >= MIN_VALUE_LENGTH)
}
