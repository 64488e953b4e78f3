// Does an output hold what a claim says? A claim is text lines, in the manner of cram and
// trycmd (`[..]` stands for any text within a line, a line of `...` for any lines, and the
// lines must follow each other in the output), or a `/regular expression/flags`.

/** The outcome of one claim: held, or not, with a diff of the claim against the nearest output. */
export type ClaimOutcome = { held: true } | { held: false; diff: string }

/** Lines of the output a diff shows around the place the claim came nearest. */
const CONTEXT_LINES = 2

export function matchClaim(claim: string, output: string): ClaimOutcome {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(claim)
  const outputLines = linesOf(output)
  if (regex) {
    const flags = regex[2]!.includes('m') ? regex[2]! : `${regex[2]}m`
    if (new RegExp(regex[1]!, flags).test(outputLines.join('\n'))) return { held: true }
    return { held: false, diff: [`- ${claim}`, ...outputLines.slice(0, 12).map((line) => `+ ${line}`), ...(outputLines.length > 12 ? ['+ …'] : [])].join('\n') }
  }
  const claimLines = linesOf(claim)
  if (holds(claimLines, outputLines)) return { held: true }
  return { held: false, diff: nearestDiff(claimLines, outputLines) }
}

/** Lines without trailing blanks; no last empty line. */
function linesOf(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd())
  while (lines.length > 0 && lines.at(-1) === '') lines.pop()
  return lines
}

const isAnyLines = (line: string) => line.trim() === '...'

/** One claim line against one output line: whole line, `[..]` any text. */
export function lineMatches(claimLine: string, line: string): boolean {
  if (!claimLine.includes('[..]')) return claimLine === line
  const pattern = claimLine.split('[..]').map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')
  return new RegExp(`^${pattern}$`, 's').test(line)
}

/** The claim's lines appear in order from some output line on, `...` taking any number of lines. */
function holds(claim: readonly string[], output: readonly string[]): boolean {
  const failed = new Set<number>()
  const from = (c: number, o: number): boolean => {
    if (c === claim.length) return true
    const key = c * (output.length + 1) + o
    if (failed.has(key)) return false
    const ok = isAnyLines(claim[c]!)
      ? Array.from({ length: output.length - o + 1 }, (_, skip) => o + skip).some((next) => from(c + 1, next))
      : o < output.length && lineMatches(claim[c]!, output[o]!) && from(c + 1, o + 1)
    if (!ok) failed.add(key)
    return ok
  }
  // A claim that starts with `...` may start anywhere too: the same search.
  for (let start = 0; start <= output.length; start++) if (from(0, start)) return true
  return false
}

/**
 * The claim beside the output window it came nearest to (most lines matching, in place):
 * `  ` a line that matches, `- ` a claimed line that does not, `+ ` the output line there.
 */
function nearestDiff(claim: readonly string[], output: readonly string[]): string {
  const wanted = claim.filter((line) => !isAnyLines(line))
  let best = { start: 0, score: -1 }
  for (let start = 0; start < Math.max(1, output.length); start++) {
    const score = wanted.filter((line, index) => output[start + index] !== undefined && lineMatches(line, output[start + index]!)).length
    if (score > best.score) best = { start, score }
  }
  const lines = output.slice(Math.max(0, best.start - CONTEXT_LINES), best.start).map((line) => `  ${line}`)
  wanted.forEach((line, index) => {
    const actual = output[best.start + index]
    if (actual !== undefined && lineMatches(line, actual)) lines.push(`  ${actual}`)
    else lines.push(`- ${line}`, ...(actual === undefined ? [] : [`+ ${actual}`]))
  })
  if (output.length === 0) lines.push('+ (no output)')
  return lines.join('\n')
}
