// Lines of an author's sample output that stand for lines left out: `...`, `…`, `[...]`.
const elision = /^\s*(?:\.\.\.|…|\[\.\.\.\])\s*$/

/** Whether a sample line is an elision, not output. */
export function isElision(line: string): boolean {
  return elision.test(line)
}
