// How a masked secret is written in captures (and so in everything rendered from them):
// `⟦redacted:<kind>:<n>⟧`. The renderers show it as a localized mark.

/** Finds masks: group 1 the kind (`aws-access-key-id`), group 2 the secret's number in its lesson. */
export const REDACTION_PATTERN = /⟦redacted:([a-z0-9-]+):(\d+)⟧/g

/** The mask of secret number `n` of `kind`. */
export function redaction(kind: string, n: number): string {
  return `⟦redacted:${kind}:${n}⟧`
}
