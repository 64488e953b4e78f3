// Small valid lessons the mutators start from: each uses a different part of the syntax
// (Katacoda markers, console blocks, cell options, vars and waits, translations, captures).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { file, type Folder } from './folder.js'

export interface Base {
  name: string
  folder: () => Folder
}

const processesYaml = `# A lesson with every lesson.yaml field the check reads.
source: fr
title:
  fr: Les processus
  en: Processes
  zh: 进程
images: [redis:alpine, busybox]
host: sandbox
timeout: 20
setup:
  - docker pull -q busybox || true
teardown: [docker rm -f db]
vars:
  ppid: docker inspect -f '{{.State.Pid}}' db | xargs ps -o ppid= -p
  pid: pgrep redis-server
waits:
  docker run -d --name=db redis:alpine: docker top db | grep -q 'redis-server'
containers: [web]
terminal: {cols: 120, rows: 40}
`

const processesMd = {
  fr: `# Les processus

Lancez le conteneur : \`docker run -d --name=db redis:alpine\`{{execute}}

Le parent est :val[ppid] ; cherchez-le avec \`ps aux | grep <ppid>\`{{execute}} dans le terminal.

\`\`\`
docker top db
\`\`\`{{execute T2}}

Arrêtez ce qui tourne : \`sleep 1\`{{execute interrupt}} puis copiez \`exit\`{{copy}}.

> Dans une citation : \`ls /proc/<pid>\`{{execute}}

- une liste
  - imbriquée : \`docker exec db redis-cli ping\`{{execute}}{in=web exit=0}
`,
  en: `# Processes

Start the container: \`docker run -d --name=db redis:alpine\`{{execute}}

The parent is :val[ppid]; find it with \`ps aux | grep <ppid>\`{{execute}} in the terminal.

\`\`\`
docker top db
\`\`\`{{execute T2}}

Stop what runs: \`sleep 1\`{{execute interrupt}} then copy \`exit\`{{copy}}.

> In a quote: \`ls /proc/<pid>\`{{execute}}

- a list
  - nested: \`docker exec db redis-cli ping\`{{execute}}{in=web exit=0}
`,
  zh: `# 进程

启动容器：\`docker run -d --name=db redis:alpine\`{{execute}}

父进程是 :val[ppid]，用 \`ps aux | grep <ppid>\`{{execute}} 找到它。

\`\`\`
docker top db
\`\`\`{{execute T2}}

停止正在运行的命令：\`sleep 1\`{{execute interrupt}}，然后复制 \`exit\`{{copy}}。

> 引用中：\`ls /proc/<pid>\`{{execute}}

- 列表
  - 嵌套：\`docker exec db redis-cli ping\`{{execute}}{in=web exit=0}
`,
}

const consolesYaml = `source: zh
title: {zh: 控制台, en: Console}
images: [busybox]
vars:
  box: docker ps -lq --filter ancestor=busybox
containers: [db]
`

const consoleBlocks = `\`\`\`console
$ docker run -d --name=db busybox sleep 600
4f2c9a
$ docker exec db cat /etc/hostname
...
\`\`\`

\`\`\`bash {in=db exit=1}
# false
\`\`\`

\`\`\`sh
/proc# ls -d 1
1
$ echo one \\
  two
one two
\`\`\`

\`\`\`shell-session {hidden}
$ docker inspect -f '{{.Id}}' <box>
\`\`\``

const consolesMd = {
  zh: `# 控制台

先启动一个容器，然后查看它：

${consoleBlocks}

容器是 :val[box]。
`,
  en: `# Console

Start a container, then look at it:

${consoleBlocks}

The container is :val[box].
`,
}

/** captures.json in the shape shellbook writes, with keys that match nothing: the check reads it and finds it stale. */
function capturesLike(slug: string, commands: string[]): string {
  const key = (n: number) => n.toString(16).padStart(64, '0')
  const cells = commands.map((command, index) => ({
    cellId: `c${index + 1}`, command, status: 'ok', exitCode: 0, expectedExit: 0, durationMs: 12,
    startedAt: '2026-11-24T20:54:40.560Z', timedOut: false, truncated: false, output: ['out', ''],
  }))
  const execution = {
    key: key(commands.length),
    chain: [{ link: 'config:images', key: key(1) }, ...cells.map((cell, index) => ({ link: `cell:${cell.cellId}`, key: key(index + 2) }))],
    provenance: {
      hostKind: 'sandbox', engineVersion: '20.10.24+dfsg1', kernel: '6.1.0', os: 'Debian GNU/Linux 12 (bookworm)',
      images: [{ name: 'busybox', id: `sha256:${key(7)}`, standIn: true }],
      startedAt: '2026-11-24T20:54:39.169Z', finishedAt: '2026-11-24T20:54:40.832Z',
    },
    vars: { ppid: '175' },
    cells,
  }
  return JSON.stringify({ format: 'shellbook-captures/1', lesson: slug, executions: [execution] }, null, 2) + '\n'
}

/** The repository's own clean check fixture: its captures.json matches, so mutations of it reach deeper. */
function cleanFixture(): Folder {
  const dir = path.resolve(import.meta.dirname, '../fixtures/check-lessons/clean')
  const folder: Folder = new Map()
  for (const name of readdirSync(dir).filter((name) => name !== 'expected-messages.json')) {
    folder.set(`clean/${name}`, file(readFileSync(path.join(dir, name), 'utf8')))
  }
  return folder
}

export const bases: readonly Base[] = [
  {
    name: 'processes',
    folder: () => new Map([
      ['processes/lesson.yaml', file(processesYaml)],
      ['processes/fr.md', file(processesMd.fr)],
      ['processes/en.md', file(processesMd.en)],
      ['processes/zh.md', file(processesMd.zh)],
      ['processes/captures.json', file(capturesLike('processes', ['docker run -d --name=db redis:alpine', 'ps aux | grep 175']))],
    ]),
  },
  {
    name: 'consoles',
    folder: () => new Map([
      ['consoles/lesson.yaml', file(consolesYaml)],
      ['consoles/zh.md', file(consolesMd.zh)],
      ['consoles/en.md', file(consolesMd.en)],
      ['consoles/captures.json', file(capturesLike('consoles', ['docker run -d --name=db busybox sleep 600']))],
    ]),
  },
  {
    // No captures.json at all, one locale.
    name: 'tiny',
    folder: () => new Map([
      ['tiny/lesson.yaml', file('title: {en: Tiny}\n')],
      ['tiny/en.md', file('# Tiny\n\nRun `echo hi`{{execute}} and read the output.\n')],
    ]),
  },
  { name: 'clean', folder: cleanFixture },
]
