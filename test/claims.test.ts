// Claims (what a cell's output must hold) and the matcher behind them: text lines with `[..]`
// and `...` in the manner of cram and trycmd, and `/regular expressions/`. No Docker: the
// outputs are written here.
import { describe, expect, it } from 'vitest'
import { matchClaim } from '../src/check/index.js'

const redisLog = [
  '1:C 02 Dec 2026 09:00:01.123 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
  '1:M 02 Dec 2026 09:00:01.124 * Running mode=standalone, port=6379.',
  '1:M 02 Dec 2026 09:00:01.125 * Ready to accept connections tcp',
  '',
].join('\n')

describe('a text claim', () => {
  it('holds when a whole output line is the claim, trailing blanks aside', () => {
    expect(matchClaim('hello', 'hello  \n')).toEqual({ held: true })
    expect(matchClaim('hello', 'say hello\n').held).toBe(false)
  })

  it('takes `[..]` for any text within one line', () => {
    expect(matchClaim('[..]Ready to accept connections[..]', redisLog).held).toBe(true)
    expect(matchClaim('[..]port=6379.', redisLog).held).toBe(true)
    expect(matchClaim('[..]port=6380.', redisLog).held).toBe(false)
    // `[..]` never spans lines.
    expect(matchClaim('Redis[..]standalone', redisLog).held).toBe(false)
  })

  it('needs its lines one after the other, a `...` line standing for any lines', () => {
    const claim = '[..]Redis is starting[..]\n[..]Ready to accept[..]'
    expect(matchClaim(claim, redisLog).held).toBe(false)
    expect(matchClaim('[..]Redis is starting[..]\n...\n[..]Ready to accept[..]', redisLog).held).toBe(true)
    expect(matchClaim('[..]Redis is starting[..]\n[..]Running mode[..]', redisLog).held).toBe(true)
  })

  it('treats regex characters as text', () => {
    expect(matchClaim('a.c (x)*', 'abc (x)\n').held).toBe(false)
    expect(matchClaim('a.c (x)*', 'a.c (x)*\n').held).toBe(true)
  })

  it('gives a diff against the nearest lines when it fails', () => {
    const outcome = matchClaim('[..]Running mode=cluster[..]\n[..]Ready to accept connections tcp', redisLog)
    expect(outcome).toEqual({
      held: false,
      diff: [
        '  1:C 02 Dec 2026 09:00:01.123 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
        '- [..]Running mode=cluster[..]',
        '+ 1:M 02 Dec 2026 09:00:01.124 * Running mode=standalone, port=6379.',
        '  1:M 02 Dec 2026 09:00:01.125 * Ready to accept connections tcp',
      ].join('\n'),
    })
    expect(matchClaim('anything', '')).toEqual({ held: false, diff: '- anything\n+ (no output)' })
  })
})

describe('a regular expression claim', () => {
  it('is tested on the whole output, `^` and `$` at each line', () => {
    expect(matchClaim('/port=\\d+/', redisLog).held).toBe(true)
    expect(matchClaim('/^1:M .* Ready/', redisLog).held).toBe(true)
    expect(matchClaim('/^Ready/', redisLog).held).toBe(false)
    expect(matchClaim('/ready to ACCEPT/i', redisLog).held).toBe(true)
  })

  it('shows the output it was tested on when it fails', () => {
    const outcome = matchClaim('/^pid:\\[\\d+\\]$/', "pid -> 'pid:[4026532299]'\n")
    expect(outcome).toEqual({ held: false, diff: "- /^pid:\\[\\d+\\]$/\n+ pid -> 'pid:[4026532299]'" })
  })
})
