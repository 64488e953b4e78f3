// The session's framing helpers: the sentinel scanner and the one-line quoting of cells.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ansiCQuote, SentinelScanner, type ScanEvent } from '../src/run/session/framing.js'

describe('framing helpers', () => {
  const token = '0123456789abcdef'
  const sentinel = `\x1eshellbook:${token}:12:130\x1f`

  /** Feed chunks; merge adjacent text events so the split points do not matter. */
  function scan(chunks: string[]): ScanEvent[] {
    const scanner = new SentinelScanner(token)
    const events: ScanEvent[] = []
    for (const event of chunks.flatMap((chunk) => scanner.push(chunk))) {
      const last = events.at(-1)
      if (event.kind === 'text' && last?.kind === 'text') last.text += event.text
      else events.push({ ...event })
    }
    return events
  }

  it('finds a sentinel split anywhere across chunks', () => {
    const stream = `out${sentinel}more`
    const expected: ScanEvent[] = [
      { kind: 'text', text: 'out' },
      { kind: 'prompt', seq: 12, status: 130 },
      { kind: 'text', text: 'more' },
    ]
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(scan([stream.slice(0, cut), stream.slice(cut)]), `cut at ${cut}`).toEqual(expected)
    }
    expect(scan([...stream])).toEqual(expected)
  })

  it('reads the place a nested shell\'s sentinel carries (home GS working directory), split anywhere', () => {
    const stream = `ls${'\x1e'}shellbook:${token}:3:0:/root${'\x1d'}/usr/share/nginx html${'\x1f'}next`
    for (let cut = 0; cut <= stream.length; cut++) {
      const scanner = new SentinelScanner(token)
      const events = [...scanner.push(stream.slice(0, cut)), ...scanner.push(stream.slice(cut))]
      expect(events.filter((event) => event.kind === 'prompt'), `cut at ${cut}`).toEqual([{ kind: 'prompt', seq: 3, status: 0 }])
      expect(events.filter((event) => event.kind === 'text').map((event) => (event.kind === 'text' ? event.text : '')).join(''), `cut at ${cut}`).toBe('lsnext')
      expect(scanner.lastPlace, `cut at ${cut}`).toEqual({ home: '/root', pwd: '/usr/share/nginx html' })
    }
  })

  it('treats look-alikes as output', () => {
    const lookAlikes = [
      `\x1eshellbook:ffffffffffffffff:1:0\x1f`,
      `\x1eshellbook:${token}:x:0\x1f`,
      `\x1eshellbook:${token}:1:1234\x1f`,
      `\x1eshellbook:${token}:1\x1f`,
      `\x1eshellbook:${token}:1:0:/root\x1f`,
      '\x1e\x1f{{ x }}',
    ]
    for (const text of lookAlikes) expect(scan([text, 'end']), JSON.stringify(text)).toEqual([{ kind: 'text', text: `${text}end` }])
  })

  it('quotes any text as one bash word on one line', () => {
    const text = `it's "q" \\ $HOME \`x\` !! \t\x01\x03\x04\x1b\x7f ☃ 😀\nline two\n`
    const quoted = ansiCQuote(text)
    expect(quoted).not.toMatch(/[\n\x00-\x1f\x7f]/)
    expect(execFileSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' })).toBe(text)
  })
})
