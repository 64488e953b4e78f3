// The output quoted under a failure message: its last lines as a terminal leaves them.
import { describe, expect, it } from 'vitest'
import { tail } from '../src/run/output-tail.js'

describe('the output quoted in a message', () => {
  it('keeps what a progress meter left on its line, not each frame it drew', () => {
    const apt = '\r0% [Working]\r            \rIgn:1 http://deb.debian.org/debian bookworm InRelease\r\nReading package lists... 0%\rReading package lists... 45%\rReading package lists... Done\r\n'
    expect(tail(apt)).toBe('│ Ign:1 http://deb.debian.org/debian bookworm InRelease\n│ Reading package lists... Done')
  })

  it('lets a shorter rewrite leave the end of the longer one, unless the line was erased', () => {
    expect(tail('downloading 100%\rdone\r\n')).toBe('│ doneloading 100%')
    expect(tail('downloading 100%\r\x1b[Kdone\r\n')).toBe('│ done')
    expect(tail('\x1b[31mred\x1b[0m text\n')).toBe('│ red text')
  })

  it('quotes the last twelve lines, and nothing for no output', () => {
    const lines = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`).join('\n')
    expect(tail(lines).split('\n')).toHaveLength(12)
    expect(tail(lines).split('\n')[0]).toBe('│ line 9')
    expect(tail('')).toBe('')
    expect(tail('\r\n\r\n')).toBe('')
  })
})
