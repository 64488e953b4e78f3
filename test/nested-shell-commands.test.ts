// Which commands leave the reader inside another shell, leave it, or replace it (no Docker: the words only).
import { describe, expect, it } from 'vitest'
import { leavesShell, opensShell, promptIn, replacesShell } from '../src/run/session/nested-shells.js'

describe('opensShell', () => {
  it.each([
    'docker exec -it box sh', 'docker exec -ti web bash', 'sudo docker exec -it db /bin/sh', 'docker run -it busybox sh', 'docker run -it --rm ubuntu',
    'docker run --rm -it alpine:3.18', 'unshare --fork --pid --mount-proc sh', 'unshare -fp --mount-proc', 'sudo unshare -fp --mount-proc bash',
    'nsenter -t 1234 -a sh', 'chroot /mnt/root sh', 'chroot /mnt/root', 'su - user', 'sudo -i', 'sudo su -', 'bash', 'sh', 'bash -l',
    'ip netns exec blue bash --rcfile <(echo "PS1=\"ns[blue]> \"")', 'bash --rcfile ~/.nsrc', 'go run main.go run bash', './container run sh', 'docker stop web && \\\n  docker run --name web -d nginx && \\\n  docker exec -ti web /bin/bash', 'cd /tmp; sudo -i',
  ])('opens a shell: %s', (command) => {
    expect(opensShell(command)).toBe(true)
  })

  it.each([
    'docker exec box sh -c "ls"', 'docker run --rm busybox echo hi', 'docker run -d ubuntu sleep 100', 'docker run -it redis', 'docker run -it ubuntu ls',
    'bash script.sh', 'sh -c "echo hi"', 'cd /tmp && ls', 'echo a | cat; bash', 'go build -o sh', './install.sh', 'go run main.go', 'su -c whoami', 'ls | sh', 'unshare --fork --pid ps', 'echo bash',
  ])('runs no shell: %s', (command) => {
    expect(opensShell(command)).toBe(false)
  })

  it('tells leaving and replacing a shell', () => {
    expect(['exit', 'exit 3', 'logout', ' exit ; '].map(leavesShell)).toEqual([true, true, true, true])
    expect(['exit-code', 'echo exit'].map(leavesShell)).toEqual([false, false])
    expect(['exec bash', 'exec /bin/bash -l', 'exec sh'].map(replacesShell)).toEqual([true, true, false])
  })
})

describe('promptIn: a nested shell\'s prompt after a cd', () => {
  const root = (pwd: string) => ({ home: '/root', pwd })
  it.each([
    ['/ # ', '/', '/etc', '/etc # '],
    ['root@733a5f40920c:/# ', '/', '/usr/share/nginx', 'root@733a5f40920c:/usr/share/nginx# '],
    ['root@box:~# ', '/root', '/root/app', 'root@box:~/app# '],
    ['~ $ ', '/root', '/tmp', '/tmp $ '],
    ['[root@box app]# ', '/srv/app', '/srv/data', '[root@box data]# '],
    ['/app # ', '/app', '/', '/ # '],
    ['bash-5.1# ', '/', '/etc', 'bash-5.1# '],
    ['sh-5.2$ ', '/', '/etc', 'sh-5.2$ '],
    ['/ # ', '/', '/', '/ # '],
  ])('%s opened in %s, now in %s: %s', (prompt, opened, now, expected) => {
    expect(promptIn(prompt, root(opened), root(now))).toBe(expected)
  })
})
