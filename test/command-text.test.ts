import { describe, expect, it } from 'vitest'
import type { Cell } from '../src/plan/types.js'
import { resolveCell, resolveExpression } from '../src/run/command-text.js'

const cell = (command: string, extra: Partial<Cell> = {}, options: Partial<Cell['options']> = {}): Cell => ({
  id: 'c1', command, vars: [], position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  options: { session: '1', exit: 0, timeoutMs: 30_000, hidden: false, norun: false, interrupt: false, keys: false, ...options },
  ...extra,
})

describe('resolveCell', () => {
  it('fills placeholders with plain values as typed and quotes the others', () => {
    expect(resolveCell(cell('ps aux | grep <ppid>'), { ppid: '4242' }).line).toBe('ps aux | grep 4242')
    expect(resolveCell(cell('echo <v>'), { v: "it's; rm -rf /" }).command).toBe(`echo $'it\\'s; rm -rf /'`)
  })
  it('enters the directory a prompt names, and stays there like a terminal', () => {
    const resolved = resolveCell(cell('ls -l', { cwd: '/proc/<pid>/ns' }), { pid: '17' })
    expect(resolved).toMatchObject({ command: 'ls -l', cwd: '/proc/17/ns', line: 'cd /proc/17/ns && ls -l' })
  })
  it('runs `in=` cells through docker exec -it, plain commands as themselves', () => {
    expect(resolveCell(cell('ps', {}, { in: '<box>' }), { box: 'abc123' }).line).toBe('docker exec -it abc123 ps')
    expect(resolveCell(cell('ps | wc -l', {}, { in: 'db' }), {}).line).toBe("docker exec -it db sh -c $'ps | wc -l'")
  })
  it('leaves a norun cell as written: its `<name>` is text the reader copies', () => {
    const resolved = resolveCell(cell('kill <pid>', { cwd: '/proc/<pid>' }, { norun: true, in: '<box>' }), { pid: '17', box: 'abc' })
    expect(resolved).toMatchObject({ command: 'kill <pid>', cwd: '/proc/<pid>', in: '<box>' })
  })
  it('fills nothing in quoted strings and heredoc bodies, where the shell reads text', () => {
    const command = `cat > /tmp/<pid>.html <<'EOF'\n<p><pid></p>\nEOF\necho '<pid>' <pid>`
    expect(resolveCell(cell(command), { pid: '17' }).line).toBe(`cat > /tmp/17.html <<'EOF'\n<p><pid></p>\nEOF\necho '<pid>' 17`)
  })
  it('fills variable expressions from earlier variables', () => {
    expect(resolveExpression('ps -o ppid= -p <pid>', { pid: '9' })).toBe('ps -o ppid= -p 9')
  })
})
