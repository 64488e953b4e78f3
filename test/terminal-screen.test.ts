// Terminal screens: what a reader's terminal shows of a capture's raw output. Hand-made outputs
// for each thing a terminal does, and full-screen programs (top, watch, less, vi) recorded for
// real in an 80×24 pseudo-terminal (test/fixtures/terminal-screen/record.mjs).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAnsi } from '../src/render/ansi.js'
import { MAX_EMULATED_LINES, needsEmulator, terminalScreen, terminalScreens } from '../src/render/terminal-screen/index.js'

const wide = { cols: 200, rows: 50 }
const recorded = { cols: 80, rows: 24 }
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', 'terminal-screen', name, 'output.txt'), 'utf8')
const screen = (output: string, size = wide) => terminalScreen(output, size)

describe('output that only prints', () => {
  const psAux = [
    'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
    'root           1  0.0  0.0   1124   636 ?        Ss   20:54   0:00 /sbin/docker-init -- dockerd',
    '\u001b[1;31mroot\u001b[0m         224  0.0  0.0   8496  4544 pts/0    R+   20:54   0:00 ps aux',
  ].join('\n') + '\n'

  it('is returned as it is, never through the emulator', async () => {
    for (const output of [psAux, 'PATH=/bin\u0000HOME=/root\u0000', 'tab\there\u0007\n', 'title\u001b]0;x\u0007 \u001b(B\u001b[m\n']) {
      expect(needsEmulator(output), JSON.stringify(output)).toBe(false)
      expect(await screen(output)).toBe(output)
    }
  })

  it('anything that moves the cursor or erases needs the emulator', () => {
    for (const output of ['a\rb', 'ab\bc', 'x\u001b[2D', '\u001b[H\u001b[2J', '\u001b[K', '\u001b[?1049h', '\u001b7', '\u001bM']) {
      expect(needsEmulator(output), JSON.stringify(output)).toBe(true)
    }
  })
})

describe('the emulator', () => {
  it('moves the cursor', async () => {
    expect(await screen('abc\u001b[2Ddef')).toBe('adef')
    expect(await screen('one\ntwo\u001b[1A\u001b[1;2HX')).toBe('oXe\ntwo')
  })

  it('settles `\\r` progress bars to their last redraw', async () => {
    const apt = '\rReading package lists... 0%\r\rReading package lists... 93%\r\rReading package lists... Done\nnext\n'
    expect(await screen(apt)).toBe('Reading package lists... Done\nnext')
    expect(await screen('abcdef\rXY')).toBe('XYcdef')
    expect(await screen('\u001b[31m10%\r\u001b[32m100%')).toBe('\u001b[0;32m100%\u001b[0m')
    const bar = Array.from({ length: 11 }, (_, i) => `\r[${'#'.repeat(i * 2).padEnd(20)}] ${i * 10}%`).join('') + '\ndone\n'
    expect(await screen(bar)).toBe('[####################] 100%\ndone')
  })

  it('drops the blank rows above what an output wrote when it continues a screen drawn before it', async () => {
    expect(await screen('\x1b[50;1H\x1b[K:wq\r"notes.txt" 1 line written\n')).toBe('"notes.txt" 1 line written')
    // Without cursor addressing, leading blank lines are the output's own.
    expect(await screen('\n\nthird\r3rd\n')).toBe('\n\n3rdrd')
  })

  it('backspaces', async () => {
    expect(await screen('abc\b\bX')).toBe('aXc')
  })

  it('clears the screen and erases lines and the display', async () => {
    expect(await screen('old\nstuff\n\u001b[H\u001b[2Jnew\n')).toBe('new')
    expect(await screen('hello world\r\u001b[Kbye')).toBe('bye')
    expect(await screen('hello world\u001b[6D\u001b[1K')).toBe('      world')
    expect(await screen('a\nb\nc\u001b[1A\r\u001b[J')).toBe('a')
  })

  it('joins rows a line wider than the terminal wrapped into, a wide character at the edge included', async () => {
    const long = 'x'.repeat(450)
    expect(await screen(`\r${long}\nnext`)).toBe(`${long}\nnext`)
    const cjk = 'a'.repeat(79) + '中文'
    expect(await screen(`\r${cjk}\n`, recorded)).toBe(cjk)
  })

  it('keeps NUL and other controls it would swallow, to show them', async () => {
    expect(await screen('progress 10%\rPATH=/bin\u0000HOME=/root\u0000\u0007\u001b\n')).toBe('PATH=/bin\u0000HOME=/root\u0000\u0007\u001b')
    // Each stands in one column, where it was printed: the cursor can come back over it.
    expect(await screen('a\u0000b\u0001c\u007f\u001b[3Dx')).toBe('a\u0000bxc\u007f')
  })

  it('drops trailing spaces and blank rows, not a coloured background', async () => {
    expect(await screen('a   \n\n\n\r')).toBe('a')
    expect(await screen('\r\u001b[7mbar  \u001b[0m  \n')).toBe('\u001b[0;7mbar  \u001b[0m')
  })

  it('gives back colours as SGR that renders as the same output would without the emulator', async () => {
    const coloured = 'plain \u001b[1;31mred\u001b[0m \u001b[38;5;200mpink\u001b[0m \u001b[38;2;1;2;3mrgb\u001b[0m \u001b[44;93mbright on blue\u001b[0m \u001b[4;3mdeco\u001b[0m'
    const shown = await screen(`\r${coloured}`)
    expect(shown).toBe('plain \u001b[0;1;31mred\u001b[0m \u001b[0;38;5;200mpink\u001b[0m \u001b[0;38;2;1;2;3mrgb\u001b[0m \u001b[0;93;44mbright on blue\u001b[0m \u001b[0;3;4mdeco\u001b[0m')
    // The same runs, decorations in any order.
    const runs = (output: string) => parseAnsi(output).map((run) => ({ ...run, decorations: run.decorations.toSorted() }))
    expect(runs(shown)).toEqual(runs(coloured))
  })
})

describe('full-screen programs', () => {
  it('show the last frame of top, which redraws the normal screen in place', async () => {
    const top = await screen(fixture('top'), recorded)
    const lines = top.split('\n')
    expect(lines[0]).toMatch(/^top - \d\d:\d\d:\d\d up /)
    expect(top.match(/top - /g)).toHaveLength(1)
    expect(lines.find((line) => line.includes('PID USER'))).toMatch(/^\u001b\[0;7m {2}PID USER +PR +NI/)
    expect(lines.at(-1)).toMatch(/ sleep$/)
  })

  it('show the last frame of watch, which redraws the alternate screen until Ctrl-C', async () => {
    const output = fixture('watch')
    // watch redraws only the digits that change: the counter's last value is the last one drawn.
    const last = Math.max(...[...output.matchAll(/\u001b\[1;7H(\d+)/g)].map((match) => Number(match[1])))
    expect(last).toBeGreaterThan(2)
    expect(await screen(output, recorded)).toBe(`frame ${last}`)
  })

  it('show the last frame of less, before it left the alternate screen', async () => {
    // One page down (23 lines a page), then q: what the reader saw last.
    expect(await screen(fixture('less'), recorded)).toBe(Array.from({ length: 23 }, (_, i) => i + 24).join('\n'))
  })

  it('show the last frame of vi, the inserted line and the tildes of its empty rows', async () => {
    const lines = (await screen(fixture('vi'), recorded)).split('\n')
    expect(lines.slice(0, 3)).toEqual(['added by the lesson', 'note 1: a line vi shows', 'note 2: a line vi shows'])
    expect(lines[12]).toBe('note 12: a line vi shows')
    expect(lines.slice(13)).toEqual(Array(10).fill('\u001b[0;94m~\u001b[0m'))
  })

  it('show the output before and after a full-screen program around its frame', async () => {
    const between = await screen(fixture('less-between'), recorded)
    expect(between).toBe(['before less', ...Array.from({ length: 23 }, (_, i) => String(i + 78)), 'after less'].join('\n'))
  })

  it('show the frame at the end of the output when the program never left', async () => {
    const output = fixture('less')
    const running = output.slice(0, output.lastIndexOf('\u001b[?1049l'))
    expect(await screen(running, recorded)).toBe(Array.from({ length: 23 }, (_, i) => i + 24).join('\n'))
  })

  it('know the older alternate screens (47, 1047), several programs, and put each frame where it started', async () => {
    // As terminfo's smcup/rmcup use them: the cursor saved around them (ESC 7 / ESC 8, mode 1048).
    const output = 'first\n\u001b7\u001b[?47h\u001b[HONE\u001b[?47l\u001b8second\n\u001b[?1048h\u001b[?1047h\u001b[HTWO\u001b[2;1Hrow 2\u001b[?1047l\u001b[?1048lthird\n'
    expect(await screen(output, recorded)).toBe('first\nONE\nsecond\nTWO\nrow 2\nthird')
  })
})

describe('screens', () => {
  it('keep every line of a long output, on an emulator that just showed a short one', async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `line ${i + 1}`)
    const screens = await terminalScreens([['short', 'a\rb'], ['long', long.join('\n') + '\r\n']], recorded)
    expect(screens.get('short')).toBe('b')
    expect(screens.get('long')).toBe(long.join('\n'))
  })

  it('emulate an output longer than MAX_EMULATED_LINES in pieces, every line kept in order', async () => {
    const count = MAX_EMULATED_LINES * 2 + 7
    const numbers = Array.from({ length: count }, (_, i) => i + 1)
    // `row N`, then `\r#N` over its start: the terminal shows `#N` and what is left of `row N`.
    const output = numbers.map((n) => `row ${n}\r#${n}`).join('\n') + '\n'
    const expected = numbers.map((n) => `#${n}` + `row ${n}`.slice(`#${n}`.length))
    expect((await screen(output, recorded)).split('\n')).toEqual(expected)
  })

  it('are the same bytes whatever the order and whoever computed them before', async () => {
    const outputs = ['top', 'watch', 'less', 'vi', 'less-between'].map((name) => [name, fixture(name)] as const)
    // Modes one output leaves set (insert, a scroll region, line-drawing charset) must not reach the next.
    const extra = [['bar', '\r10%\r100%\n'], ['modes', '\u001b[4h\u001b[3;5r\u001b(0qqq\r'], ['plain', 'ps\n'], ['clear', 'x\n\u001b[2J\u001b[H']] as const
    const all = [...outputs, ...extra]
    const forward = await terminalScreens(all, recorded)
    const backward = await terminalScreens(all.toReversed(), recorded)
    for (const [name, output] of all) {
      expect(backward.get(name), name).toBe(forward.get(name))
      expect(await terminalScreen(output, recorded), name).toBe(forward.get(name))
    }
  })
})

describe('a screen drawn before', () => {
  // vi opened an empty file (its `~` rows), then `ihello` typed into it redrew two rows only.
  const opened = '\u001b[?1049h\u001b[H\u001b[2J' + Array.from({ length: 22 }, (_, row) => `\u001b[${row + 2};1H~`).join('') + '\u001b[24;1H"notes" [New]\u001b[1;1H'
  const typed = '\u001b[1;1Hhello\u001b[2;1H\u001b[K\u001b[24;1H-- INSERT --\u001b[K\u001b[2;1H'

  it('is the start of the screen of keys typed into the program still drawing it', async () => {
    const lines = (await terminalScreens([['typed', typed, opened]], recorded)).get('typed')!.split('\n')
    expect(lines[0]).toBe('hello')
    expect(lines[1]).toBe('')
    expect(lines.slice(2, -1).every((line) => line === '~')).toBe(true)
    expect(lines.at(-1)!.trim()).toBe('-- INSERT --')
    expect(lines).toHaveLength(24)
    // Without it, the rows the keys did not redraw are blank.
    expect((await screen(typed, recorded)).split('\n').filter((line) => line === '~')).toEqual([])
  })

  it('shows none of its own lines, only what the output left', async () => {
    const shellBefore = 'earlier output\n' + opened
    const lines = (await terminalScreens([['typed', typed, shellBefore]], recorded)).get('typed')!.split('\n')
    expect(lines).not.toContain('earlier output')
    expect(lines[0]).toBe('hello')
  })
})
