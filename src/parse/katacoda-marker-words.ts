// The words between a Katacoda/Killercoda marker's braces, in any order: `execute` or `exec`
// (run), `copy` (shown only), `T1`…`T9` (terminal), `HOST1`/`HOST2` (host), `interrupt`
// (Ctrl-C first), `no-newline` / `ctrl-seq` (keystrokes for a running program) and a name tag
// (`test-uname`). `{{}}` is a marker too: copying disabled, shown only. Braces holding none of
// the kind words (`{{.Names}}`, `{{json .GraphDriver}}`) are Go templates, never markers.
import type { RuleId } from '../messages.js'
import type { RawAttributes } from './types.js'

/** A name tag, as `{{execute test-uname}}` or `{name=test-uname}` gives it. */
export const markerNamePattern = /^[A-Za-z][\w.-]*$/

/** A word of a marker worth a warning, with where it stands in the text between the braces. */
export interface MarkerWordProblem {
  index: number
  length: number
  reason: string
  ruleId: RuleId
}

/** What a marker asks for. */
export interface MarkerReading {
  attributes: RawAttributes
  /** `ctrl-seq`: the code is control keys (`^C`), to be checked as such. */
  controlKeys: boolean
  problems: MarkerWordProblem[]
}

const kindWords = new Set(['execute', 'exec', 'copy'])
const expectedWords = '`T1` to `T9`, `HOST1`, `HOST2`, `interrupt`, `no-newline`, `ctrl-seq` or a name such as `test-uname`'

/** Read what stands between `{{` and `}}`; undefined when it is not a marker. */
export function readMarkerWords(body: string): MarkerReading | undefined {
  const words = [...body.matchAll(/\S+/g)].map((match) => ({ word: match[0], index: match.index }))
  const reading: MarkerReading = { attributes: {}, controlKeys: false, problems: [] }
  if (words.length === 0) {
    reading.attributes.norun = ''
    return reading
  }
  if (!words.some(({ word }) => kindWords.has(word))) return undefined
  const seen = new Map<'kind' | 'terminal' | 'host' | 'name', string>()
  const problem = (at: { word: string; index: number }, reason: string, ruleId: RuleId = 'katacoda-marker') =>
    reading.problems.push({ index: at.index, length: at.word.length, reason, ruleId })
  /** The first word of each sort wins; a second one is reported and ignored. */
  const once = (sort: 'kind' | 'terminal' | 'host' | 'name', at: { word: string; index: number }): boolean => {
    const first = seen.get(sort)
    if (first === undefined) {
      seen.set(sort, at.word)
      return true
    }
    problem(at, `Unexpected \`${at.word}\` after \`${first}\` in a Katacoda marker, expected one ${sort} only`)
    return false
  }
  let terminal: number | undefined
  let host = 1
  for (const at of words) {
    const { word } = at
    const numbered = /^(T|HOST)(\d+)$/.exec(word)
    if (kindWords.has(word)) {
      if (once('kind', at) && word === 'copy') reading.attributes.norun = ''
    } else if (numbered?.[1] === 'T') {
      const n = Number(numbered[2])
      if (n < 1 || n > 9) problem(at, `Unexpected terminal \`${word}\` in a Katacoda marker, expected \`T1\` to \`T9\``)
      else if (once('terminal', at)) terminal = n
    } else if (numbered?.[1] === 'HOST') {
      const n = Number(numbered[2])
      if (n < 1) problem(at, `Unexpected host \`${word}\` in a Katacoda marker, expected \`HOST1\` or \`HOST2\``)
      else if (once('host', at)) host = n
      if (n > 1) {
        problem(at, `Unexpected \`${word}\`, expected one host: shellbook runs one, so this host's terminal is another terminal (session \`host${n}\`) on the same host`, 'second-host')
      }
    } else if (word === 'interrupt') {
      reading.attributes.interrupt = ''
    } else if (word === 'no-newline' || word === 'ctrl-seq') {
      reading.attributes.keys = ''
      if (word === 'ctrl-seq') reading.controlKeys = true
    } else if (markerNamePattern.test(word)) {
      if (once('name', at)) reading.attributes.name = word
    } else {
      problem(at, `Unexpected \`${word}\` in a Katacoda marker, expected ${expectedWords}`)
    }
  }
  const session = sessionOf(host, terminal)
  if (session !== undefined) reading.attributes.session = session
  return reading
}

/** HOST1 is the default host; a second host's terminals are sessions `host2`, `host2-3`… on the one host. */
function sessionOf(host: number, terminal: number | undefined): string | undefined {
  if (host === 1) return terminal === undefined ? undefined : String(terminal)
  return terminal === undefined || terminal === 1 ? `host${host}` : `host${host}-${terminal}`
}

/** `^C`, `^D^C`: the text a `ctrl-seq` marker sends, control keys written with a caret. */
export function isControlKeys(text: string): boolean {
  return /^(?:\^[@A-Za-z[\\\]^_?])+$/.test(text.trim())
}
