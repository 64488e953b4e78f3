import { describe, expect, it } from 'vitest'
import { settleCarriageReturns } from '../src/render/carriage-returns.js'

describe('settleCarriageReturns', () => {
  it('keeps what a terminal would show after progress redraws', () => {
    const apt = '\rReading package lists... 0%\r\rReading package lists... 93%\r\rReading package lists... Done\nnext'
    expect(settleCarriageReturns(apt)).toBe('Reading package lists... Done\nnext')
  })
  it('overwrites only as far as the new text reaches', () => {
    expect(settleCarriageReturns('abcdef\rXY')).toBe('XYcdef')
  })
  it('leaves lines without carriage returns alone, NUL bytes included', () => {
    expect(settleCarriageReturns('A=1\0B=2\0')).toBe('A=1\0B=2\0')
  })
  it('keeps the last redraw whole when it carries colours', () => {
    expect(settleCarriageReturns('\u001b[31m10%\r\u001b[32m100%')).toBe('\u001b[32m100%')
  })
})
