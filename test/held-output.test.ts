// What the output of a command left running says: a screen drawn, a prompt of its own, an echo.
import { describe, expect, it } from 'vitest'
import { drawsScreen, trailingPrompt, withoutEcho, withoutEscapes } from '../src/run/session/held-output.js'

describe('held output', () => {
  it('tells a program drawing a screen, on the alternate one or the normal one, and one that left it', () => {
    expect(drawsScreen('\x1b[?1049h\x1b[H\x1b[2J~\n~')).toBe(true)
    expect(drawsScreen('top - 10:00:00 up\x1b[K\n\x1b[H')).toBe(true)
    expect(drawsScreen('written\x1b[?1049l')).toBe(false)
    expect(drawsScreen('hello from vi', true)).toBe(true)
    expect(drawsScreen('Listening on :8000\n')).toBe(false)
  })

  it('takes a plain last line for a prompt, never a redraw or a screen row', () => {
    expect(trailingPrompt('OK\n127.0.0.1:6379> ')).toBe('127.0.0.1:6379> ')
    expect(trailingPrompt('\x1b[1;32mcalc>\x1b[0m ')).toBe('calc> ')
    expect(trailingPrompt('/ # / # ')).toBe('/ # ')
    expect(trailingPrompt('Enter help.\n\n/ # \x1b[6n\r/ # \x1b[J')).toBe('/ # ')
    expect(trailingPrompt('New password: ')).toBe('New password: ')
    expect(trailingPrompt('>>> ')).toBe('>>> ')
    expect(trailingPrompt('serving\n')).toBeUndefined()
    expect(trailingPrompt('\x1b[>4;mhello from vi\x1b[50;1H')).toBeUndefined()
    expect(trailingPrompt('10%\r20%')).toBeUndefined()
  })

  it('drops the echo of a typed line, also when the program redrew it key by key', () => {
    const redrawn = '\r\x1b[0K127.0.0.1:6379> S\r\x1b[17C\r\x1b[0K127.0.0.1:6379> SET a 1\x1b[0;90;49m key value\x1b[0m\r\x1b[24C\r\nOK\n127.0.0.1:6379> '
    expect(withoutEcho(redrawn, 'SET a 1\r')).toBe('OK\n127.0.0.1:6379> ')
    expect(withoutEcho('1+2\n= 3\n', '1+2\r')).toBe('= 3\n')
    // Lines typed at once: the program's continuation prompts for them come before the output.
    expect(withoutEcho('... ... 0\n1\n2\n', 'for i in range(3):\n    print(i)\n\r')).toBe('0\n1\n2\n')
    expect(withoutEcho('    ->     -> 3\n', 'SELECT\n1 +\n2;\r')).toBe('3\n')
    expect(withoutEcho('Hello world\n', 'print("Hello",\n"world")\r')).toBe('Hello world\n')
    expect(withoutEcho('= 3\n', '1+2\r')).toBe('= 3\n')
    expect(withoutEscapes('\x1b]0;title\x07\x1b[>4;2mtext\x1b=')).toBe('text')
  })
})
