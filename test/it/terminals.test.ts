// Terminals, not a batch, on a real sandbox: a second terminal running `top -b` stopped by a
// later interrupt, a REPL inside a container typed into line by line, `vi` driven with keys,
// a full-screen `top` left with `q`, and `stop-after`.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CellCapture, LessonRun } from '../../src/captures/types.js'
import { skipWithoutEngine } from './engine-required.js'
import { planOf, runOnSandbox } from './sandbox-lessons.js'

const root = path.resolve(import.meta.dirname, '../..')

const lesson = `# Terminals

Watch the processes in a second terminal: \`top -b -d 1\`{{execute T2}}

Meanwhile, in the first one: \`echo first terminal\`{{execute}} and \`sleep 2; echo waited\`{{execute}}

Stop it: \`echo stopped\`{{execute interrupt T2}}

\`docker run -d --name db redis:alpine\`{{execute}}

\`docker exec -it db redis-cli\`{{execute}}

\`SET greeting hello\`{{execute}}

\`GET greeting\`{{execute}}

\`exit\`{{execute}}

\`vi /tmp/notes.txt\`{{execute}}

\`ihello from vi\`{{execute no-newline}}

\`^[\`{{execute ctrl-seq}}

\`:wq\`{{execute}}

\`cat /tmp/notes.txt\`{{execute}}

Press Esc, then save (the Esc is in words only): \`vim /tmp/plain.txt\`{{execute}}

\`iwritten with Esc in words\`{{execute}}

\`:wq!\`{{execute}}

\`cat /tmp/plain.txt\`{{execute}}

\`top -d 1\`{{execute}}

\`q\`{{execute no-newline}}

\`\`\`console {stop-after=2}
$ ping -i 0.5 127.0.0.1
\`\`\`

Page through the processes (press q to quit): \`ps aux | less\`{{execute}}

\`echo after less\`{{execute}}

Answer its question: \`touch /tmp/kept && cp -i /etc/hostname /tmp/kept\`{{execute}}

\`y\`{{execute}}

Type into a filter, then Ctrl-D: \`tr a-z A-Z\`{{execute}}

\`hello filter\`{{execute}}

\`echo after tr\`{{execute}}

Follow its log, then stop following it (Ctrl-C) and go on: \`docker logs -f db\`{{execute}}

\`docker rm -f db > /dev/null; echo removed\`{{execute}}

A progress bar: \`for p in 10 50 100; do printf '\\rfetching %s%%' $p; sleep 0.2; done; echo\`{{execute}}

\`\`\`console {lines=2-3}
$ seq 10
\`\`\`

Set a password (the lesson gives none), then switch user: \`useradd -m student\`{{execute}} \`passwd student\`{{execute}}{exit=10}

\`su -l student -c whoami\`{{execute}}

The history: \`ls /etc/hostname\`{{execute}} \`!ls\`{{execute}}

Edit a file in nano (type, save with Ctrl+O, leave with Ctrl+X): \`nano /tmp/nano.txt\`{{execute}}

\`printf 'typed in nano\\n' > /tmp/nano.txt\`{{execute}}{hidden}

\`cat /tmp/nano.txt\`{{execute}}

Open it again, and leave it: \`nano /tmp/untouched.txt\`{{execute}}

\`ls /tmp/untouched.txt 2>&1 | wc -l\`{{execute}}

Edit another in vim (press i, type, Esc, \`:wq\`): \`vim /tmp/vim.txt\`{{execute}}

\`printf 'typed in vim\\n' > /tmp/vim.txt\`{{execute}}{hidden}

\`cat /tmp/vim.txt\`{{execute}}

A shell in a container, left running with Ctrl+P Ctrl+Q: \`docker run -it --name detached redis:alpine sh\`{{execute}}

\`^P^Q\`{{execute ctrl-seq}}

\`docker inspect -f '{{.State.Running}}' detached\`{{execute}}

Back into it: \`docker attach detached\`{{execute}} \`echo inside \$((6 * 7))\`{{execute}} \`exit\`{{execute}}

\`echo done\`{{execute}}
`

const captureOf = (run: LessonRun, command: string): CellCapture => {
  const found = Object.values(run.cells).find((cell) => cell.command === command)
  if (!found) throw new Error(`no capture for ${command}`)
  return found
}

describe.skipIf(skipWithoutEngine)('terminals on a real sandbox', () => {
  it('runs a second terminal, a REPL, vi and a full-screen top as a reader would', async () => {
    const plan = await planOf('terminals', lesson, 'images: [redis:alpine]\n')
    // The only message: nano left with nothing typed in it (what the reader types is not in the lesson).
    const run = await runOnSandbox(plan, {}, undefined, ['editor-left'])

    // T2: left running while terminal 1 went on, stopped by the interrupt, its output bounded.
    const top = captureOf(run, 'top -b -d 1')
    expect(top).toMatchObject({ status: 'ok', leftRunning: 'ctrl-c' })
    expect(top.durationMs).toBeGreaterThan(2_000)
    const frames = top.output.split('\n').filter((line) => line.startsWith('top - ')).length
    expect(frames).toBeGreaterThanOrEqual(2)
    expect(frames).toBeLessThan(30)
    expect(captureOf(run, 'sleep 2; echo waited').output.trim()).toBe('waited')
    expect(captureOf(run, 'echo stopped').output.trim()).toBe('stopped')

    // redis-cli inside the container: each line typed into it, its prompt shown before the line.
    expect(captureOf(run, 'docker exec -it db redis-cli').leftRunning).toBe('keys')
    const set = captureOf(run, 'SET greeting hello')
    expect(set.prompt).toBe('127.0.0.1:6379> ')
    expect(set.output).toContain('OK')
    expect(captureOf(run, 'GET greeting').output).toContain('"hello"')
    expect(captureOf(run, 'exit')).toMatchObject({ status: 'ok', exitCode: 0 })
    expect(captureOf(run, 'exit').leftRunning).toBeUndefined()

    // vi: insert, Esc, :wq, and the file is written.
    expect(captureOf(run, ':wq')).toMatchObject({ status: 'ok', exitCode: 0 })
    expect(captureOf(run, 'cat /tmp/notes.txt').output.trim()).toBe('hello from vi')
    // A `:` command typed into vim gets the Esc the lesson only says in words: vim ends, the shell gets `cat`.
    expect(captureOf(run, ':wq!')).toMatchObject({ status: 'ok', exitCode: 0 })
    expect(captureOf(run, 'cat /tmp/plain.txt').output.trim()).toBe('written with Esc in words')

    // A full-screen top, left with q: it redrew its screen from the top-left corner.
    const screen = captureOf(run, 'top -d 1')
    expect(screen).toMatchObject({ status: 'ok', leftRunning: 'keys' })
    expect(screen.output).toContain('\x1b[H')
    expect(captureOf(run, 'q')).toMatchObject({ status: 'ok', exitCode: 0 })

    // stop-after=2: run 2 s, then Ctrl-C, a success whatever ping exits with.
    const ping = captureOf(run, 'ping -i 0.5 127.0.0.1')
    expect(ping).toMatchObject({ status: 'ok', leftRunning: 'ctrl-c', timedOut: false })
    expect(ping.output).toMatch(/bytes from 127\.0\.0\.1/)
    // less, quit with q before the next command as the reader did; cp -i answered with y.
    expect(captureOf(run, 'ps aux | less')).toMatchObject({ status: 'ok', leftRunning: 'keys' })
    expect(captureOf(run, 'echo after less').output.trim()).toBe('after less')
    // Its question is the prompt the answer is typed at.
    expect(captureOf(run, 'y')).toMatchObject({ status: 'ok', exitCode: 0, prompt: "cp: overwrite '/tmp/kept'? " })

    // tr reads the line typed next; Ctrl-D ends it before the next command.
    expect(captureOf(run, 'tr a-z A-Z')).toMatchObject({ status: 'ok', leftRunning: 'keys' })
    expect(captureOf(run, 'hello filter').output.trim()).toBe('HELLO FILTER')
    expect(captureOf(run, 'echo after tr').output.trim()).toBe('after tr')

    // `docker logs -f` never ends: stopped with Ctrl-C before the next command, as the reader did.
    const logs = captureOf(run, 'docker logs -f db')
    expect(logs).toMatchObject({ status: 'ok', leftRunning: 'ctrl-c' })
    expect(logs.output).toMatch(/Ready to accept connections/)
    expect(captureOf(run, 'docker rm -f db > /dev/null; echo removed').output.trim()).toBe('removed')

    // A password prompt the lesson gives no password for: the next command is not typed as one;
    // Enter is, until passwd gives up (status 10, as the lesson says it expects).
    const passwd = captureOf(run, 'passwd student')
    expect(passwd).toMatchObject({ status: 'ok', leftRunning: 'ended', exitCode: 10 })
    expect(passwd.output).toMatch(/New password: ?/)
    expect(passwd.output).toMatch(/password unchanged/)
    expect(captureOf(run, 'su -l student -c whoami').output.trim()).toBe('student')
    // `!ls` is expanded from the history, shown as bash shows it, and run.
    expect(captureOf(run, '!ls').output.replace(/\r/g, '')).toBe('ls /etc/hostname\n/etc/hostname\n')
    // nano, whose text a lesson cannot type: left with Ctrl-X before the next command.
    const nano = captureOf(run, 'nano /tmp/nano.txt')
    expect(nano).toMatchObject({ status: 'ok', leftRunning: 'keys' })
    expect(nano.output).toContain('GNU nano')
    // The hidden cell after it stands for what the reader typed: it runs at the shell, and no message says the typing is missing.
    expect(captureOf(run, 'cat /tmp/nano.txt').output.trim()).toBe('typed in nano')
    expect(captureOf(run, 'ls /tmp/untouched.txt 2>&1 | wc -l').output.trim()).toBe('1')
    expect(plan.file.messages.map((message) => message.line)).toEqual([lesson.split('\n').findIndex((line) => line.includes('nano /tmp/untouched.txt')) + 1])
    // vim is left (Esc :x) before a hidden cell or a shell command, instead of having it typed in.
    expect(captureOf(run, 'vim /tmp/vim.txt')).toMatchObject({ status: 'ok', leftRunning: 'keys' })
    expect(captureOf(run, 'cat /tmp/vim.txt').output.trim()).toBe('typed in vim')
    // Docker's detach keys leave the container's shell, not the sandbox's own terminal.
    expect(captureOf(run, '^P^Q')).toMatchObject({ status: 'ok', exitCode: 0 })
    expect(captureOf(run, "docker inspect -f '{{.State.Running}}' detached").output.trim()).toBe('true')
    // `docker attach` goes back into its shell: the next line is typed there, `exit` leaves it.
    expect(captureOf(run, 'docker attach detached')).toMatchObject({ status: 'ok', exitCode: 0 })
    expect(captureOf(run, 'echo inside $((6 * 7))')).toMatchObject({ status: 'ok', output: 'inside 42\n' })
    expect(captureOf(run, 'echo done').output.trim()).toBe('done')
  }, 180_000)

  it('shows on the page what each terminal showed: bounded, stopped, redrawn, cut', async () => {
    const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-terminals-'))
    await mkdir(path.join(lessons, 'terminals'))
    await writeFile(path.join(lessons, 'terminals', 'en.md'), lesson)
    await writeFile(path.join(lessons, 'terminals', 'lesson.yaml'), 'images: [redis:alpine]\n')
    const out = await mkdtemp(path.join(tmpdir(), 'shellbook-terminals-out-'))
    const stderr = await new Promise<string>((resolve, reject) => {
      execFile('node', ['bin/shellbook.js', 'build', '--lessons', lessons, '--out', out, '--pull', 'never'], { cwd: root, maxBuffer: 16 * 2 ** 20 }, (error, _stdout, text) => {
        if (error) reject(new Error(`build failed: ${text}`))
        else resolve(text)
      })
    })
    expect(stderr).toContain('terminals done')
    const html = await readFile(path.join(out, 'site', 'en', 'terminals', 'index.html'), 'utf8')
    const entries = html.split('<div class="entry ').slice(1).map((chunk) => chunk.split('</figure>')[0]!)
    const text = (entry: string) => entry.replace(/<[^>]+>/g, '').replace(/&#x3C;/g, '<').replace(/&gt;/g, '>').replace(/&#x26;/g, '&').replace(/&amp;/g, '&')
    const entryOf = (command: string) => {
      const found = entries.find((entry) => text(entry).includes(command))
      if (!found) throw new Error(`no entry for ${command}`)
      return found
    }
    // top -b in T2: its frames, bounded, then "stopped with Ctrl-C".
    const top = entryOf('top -b -d 1')
    expect(text(top)).toMatch(/Stopped with Ctrl-C after \d+(\.\d)? s/)
    expect(text(top).match(/top - \d\d:\d\d:\d\d/g)?.length ?? 0).toBeGreaterThanOrEqual(2)
    // The full-screen top: one screen (its last frame), no escape codes.
    const screen = text(entryOf('top -d 1'))
    expect(screen.match(/top - \d\d:\d\d:\d\d/g)).toHaveLength(1)
    expect(screen).not.toContain('\x1b')
    // Inside redis-cli, its prompt instead of `$ `, and no echo of the line typed.
    const set = text(entryOf('SET greeting hello'))
    expect(set).toContain('127.0.0.1:6379> ')
    expect(set.match(/SET greeting hello/g)).toHaveLength(1)
    // The progress bar as it was left on its line, and the line range with its cut markers.
    expect(text(entryOf('for p in 10 50 100'))).toContain('fetching 100%')
    expect(text(entryOf('for p in 10 50 100'))).not.toContain('fetching 10%')
    const seq = text(entryOf('seq 10'))
    expect(seq).toMatch(/… 1 line cut\s*2\n3\s*… 7 lines cut/)
  }, 180_000)
})
