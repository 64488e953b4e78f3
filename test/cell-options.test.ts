// Raw cell attributes → validated options: defaults, conversions, and every kind of problem.
import { describe, expect, it } from 'vitest'
import { parseAttributes } from '../src/parse/index.js'
import { readCellOptions } from '../src/plan/cell-options.js'

const read = (text: string) => {
  const parsed = parseAttributes(text)
  if (!parsed.ok) throw new Error(parsed.reason)
  return readCellOptions(parsed.attributes, { timeoutSeconds: 30 })
}

describe('cell options', () => {
  it('has its defaults with no attributes', () => {
    expect(read('')).toEqual({
      options: { session: '1', exit: 0, timeoutMs: 30_000, hidden: false, norun: false, interrupt: false, keys: false },
      problems: [],
    })
  })

  it('reads every attribute, with seconds as milliseconds and flags with or without a value', () => {
    const { options, problems } = read('{in=db exit=130 timeout=2.5 hidden norun=false interrupt=true session=2 keys name=test-uname}')
    expect(problems).toEqual([])
    expect(options).toEqual({ session: '2', in: 'db', exit: 130, timeoutMs: 2500, hidden: true, norun: false, interrupt: true, keys: true, name: 'test-uname' })
  })

  it('reads the terminal options (seconds as milliseconds) and what to show of the output', () => {
    const { options, problems } = read('{background quiet=0.5 settle=3 stop-after=2 head=5 tail=3 lines=4-9}')
    expect(problems).toEqual([])
    expect(options).toMatchObject({ background: true, quietMs: 500, settleMs: 3000, stopAfterMs: 2000, head: 5, tail: 3, lines: { from: 4, to: 9 } })
    expect(read('{lines=5-}').options.lines).toEqual({ from: 5 })
    expect(read('{lines=7}').options.lines).toEqual({ from: 7, to: 7 })
    expect(read('{background=false}').options.background).toBeUndefined()
  })

  it('says what a bad line range or count should be', () => {
    expect(read('{lines=a-b}').problems[0]?.reason).toBe('Unexpected `lines=a-b`, expected a line range such as `3-10`, `5-` or `7`')
    const { problems } = read('{lines=9-3 head=0 tail=x}')
    expect(problems.map((problem) => problem.reason)).toEqual([
      'Unexpected `lines=9-3`, expected a line range from 1 up, such as `3-10`',
      'Unexpected `head=0`, expected a number of lines from 1 up',
      'Unexpected `tail=x`, expected a number of lines from 1 up',
    ])
  })

  it('names unknown attributes, object-method names and __proto__ included', () => {
    const { problems } = read('{bogus toString __proto__=1 constructor}')
    expect(problems.map((problem) => `${problem.ruleId} ${problem.name}`)).toEqual([
      'unknown-attribute bogus', 'unknown-attribute toString', 'unknown-attribute __proto__', 'unknown-attribute constructor',
    ])
  })

  it('says what a bad value should be', () => {
    const { problems } = read('{exit=256 timeout=0 hidden=maybe session=a/b in="" name=9lives}')
    expect(problems.map((problem) => problem.reason)).toEqual([
      'Unexpected `exit=256`, expected a status from 0 to 255',
      'Unexpected `timeout=0`, expected a number of seconds above 0',
      'Unexpected `hidden=maybe`, expected no value, `true` or `false`',
      'Unexpected `session=a/b`, expected a session name of letters, digits, `-` or `_`',
      'Unexpected `in=`, expected a container name',
      'Unexpected `name=9lives`, expected a name of letters, digits, `-`, `_` or `.`, starting with a letter',
    ])
  })
})
