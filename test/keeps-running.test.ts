// Which commands keep running until the reader stops them, and which cells the plan leaves running.
import { describe, expect, it } from 'vitest'
import { keepsRunning, markBackground, quitKeyOf, readsAsShellCommand, readsTyping } from '../src/plan/keeps-running.js'
import type { Cell } from '../src/plan/index.js'

describe('keepsRunning', () => {
  it.each([
    'top', 'top -b -d 1', 'sudo htop', 'tail -f /var/log/syslog', 'tail -n 5 -F app.log', 'docker logs -f web', 'docker logs --follow web',
    'docker compose logs -f', 'kubectl logs -f pod', 'ping 127.0.0.1', 'watch -n 1 date', 'sleep 1d', 'fg', 'fg %1', '%1', 'sleep infinity', 'sleep 3600', 'sleep 30',
    'python3 -m http.server 8000', 'nc -l 8080', 'vmstat 1', 'less /etc/passwd', 'man ls', 'vi notes.txt', 'nano /etc/hosts',
    'redis-cli', 'docker exec -it db redis-cli', 'docker exec -it db redis-cli -h localhost -p 6379', 'python3', 'node', 'mysql -u root -p',
    'passwd', 'read -p "Name: " name', 'docker run --name web -p 80:80 nginx', 'docker stats', 'docker attach box',
    'journalctl -f', 'tail -f log | grep error', 'docker-compose up', 'docker events',
  ])('keeps running: %s', (command) => {
    expect(keepsRunning(command)).toBe(true)
  })

  it.each([
    'ps aux', 'top -b -n 1', 'ping -c 3 127.0.0.1', 'sleep 2', 'sleep 10', 'tail -n 5 log', 'docker logs web', 'docker run -d nginx',
    'docker run --rm busybox echo hi', 'docker exec -it db redis-cli SET a 1', 'docker exec db redis-cli', 'python3 app.py', 'python3 -c "print(1)"',
    'mysql -e "show databases"', 'psql -c "select 1"', 'python3 -m http.server &', 'ping 127.0.0.1 | head -3', 'vmstat 1 5',
    'docker stats --no-stream', 'echo top', 'redis-cli < commands.txt', 'docker-compose up -d', 'docker compose up -d', 'cat <<EOF\ntop\nEOF',
  ])('ends by itself: %s', (command) => {
    expect(keepsRunning(command)).toBe(false)
  })
})

describe('readsTyping', () => {
  it.each(['tr a-z A-Z', 'cat', 'cat > notes.txt', 'grep error', 'sort', 'wc -l', 'head -n 3', 'sed s/a/b/', "awk '{print $1}'", 'tee out.txt', 'cut -d : -f 1'])(
    'reads the terminal: %s', (command) => {
      expect(readsTyping(command)).toBe(true)
    },
  )
  it.each(['cat notes.txt', 'grep error log.txt', 'sort < list', 'ls | sort', 'tr a-z A-Z < f', 'cat <<EOF\nx\nEOF', 'grep -e x file', 'tail -f', 'head -n 3 file', 'sort &', 'echo x'])(
    'reads no terminal: %s', (command) => {
      expect(readsTyping(command)).toBe(false)
    },
  )
})

describe('markBackground', () => {
  const cell = (command: string, options: Partial<Cell['options']> = {}): Cell => ({
    id: 'c', command, vars: [], position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    options: { session: '1', exit: 0, timeoutMs: 30_000, hidden: false, norun: false, interrupt: false, keys: false, ...options },
  })

  it('leaves running what keeps running, and what the next cell in its terminal interrupts or sends keys to', () => {
    const cells = [
      cell('top -b -d 1', { session: '2' }),
      cell('./slow-server'),
      cell('echo other terminal', { session: '2', interrupt: true }),
      cell('q', { keys: true }),
      cell('ps aux'),
      cell('tail -f log', { norun: true }),
    ]
    markBackground(cells)
    expect(cells.map((entry) => entry.options.background)).toEqual([true, true, undefined, undefined, undefined, undefined])
    // Only what never ends by itself is stopped before the next command without being told to.
    expect(cells.map((entry) => entry.keepsRunning)).toEqual([true, undefined, undefined, undefined, undefined, undefined])
  })

  it('leaves running a command the next cell answers, and knows the key that quits a pager or monitor', () => {
    const cells = [cell('cp -i /etc/passwd .'), cell('y'), cell('ps aux | less'), cell('man ls'), cell('vi notes'), cell('tail -f log')]
    markBackground(cells)
    expect(cells[0]!.options.background).toBe(true)
    expect(cells.map((entry) => entry.quitKey)).toEqual([undefined, undefined, 'q', 'q', undefined, undefined])
    expect(['top -d 1', 'sudo htop', 'less x', 'vim x', 'watch date'].map(quitKeyOf)).toEqual(['q', 'q', 'q', undefined, undefined])
  })

  it('knows the keys that leave an editor, and which lines typed while vi is open are for the shell', () => {
    const cells = [cell('nano notes.txt'), cell('cat notes.txt'), cell('sudo nano /etc/hosts'), cell('emacs -nw x.el'), cell('vim x'), cell('micro main.go')]
    markBackground(cells)
    expect(cells.map((entry) => entry.editorLeaveKeys?.[0])).toEqual(['\x18', undefined, '\x18', '\x18\x03', '\x1b:x\r', '\x11'])
    expect(cells.map((entry) => entry.keepsRunning)).toEqual([true, undefined, true, true, true, true])
    const lines = ['cat notes.txt', 'python3 app.py', './run.sh', 'sudo systemctl restart nginx', 'ihello', 'iwritten with Esc in words', ':wq', 'dd', 'ZZ']
    expect(lines.filter(readsAsShellCommand)).toEqual(['cat notes.txt', 'python3 app.py', './run.sh', 'sudo systemctl restart nginx'])
  })

  it('keeps an explicit stop-after as it is', () => {
    const cells = [cell('top', { stopAfterMs: 2000 })]
    markBackground(cells)
    expect(cells[0]!.options.background).toBeUndefined()
  })
})
