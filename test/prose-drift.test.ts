// The prose-drift rule on lessons parsed and planned as the build does, against captures
// built here (recorded outputs, no Docker): a value copied from the author's sample output
// that the real output no longer holds is reported at its place, with the value the capture
// has there; values the capture still prints, and prose bound with :val, are not.
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { bindOutputVars, type LessonRun } from '../src/captures/index.js'
import { checkProseDrift, checkSampleChanges } from '../src/check/index.js'
import { parseLesson } from '../src/parse/index.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'

interface DriftOptions {
  locale?: string
  /** lesson.yaml `vars`, as YAML flow text. */
  vars?: string
  /** Outputs of the captures the run replaced, by command. */
  earlier?: Record<string, string>
}

async function drift(markdown: string, outputs: Record<string, string>, options: DriftOptions | string = {}): Promise<string[]> {
  return (await driftRun(markdown, outputs, typeof options === 'string' ? { locale: options } : options)).messages
}

async function driftRun(markdown: string, outputs: Record<string, string>, { locale = 'en', vars = '{web_pid: "echo 1"}', earlier }: DriftOptions) {
  const configFile = new VFile({ path: 'lesson.yaml', value: `title: {en: Drift, zh: Drift}\nvars: ${vars}\n` })
  const file = new VFile({ path: `${locale}.md`, value: markdown })
  const plan = planLesson({ slug: 'drift', locale, file, tree: await parseLesson(file), config: loadConfig(configFile)!, configFile })
  const runOf = (printed: Record<string, string>): LessonRun => ({
    slug: 'drift',
    provenance: { hostKind: 'sandbox', engineVersion: '', kernel: '', os: '', images: [], startedAt: '', finishedAt: '' },
    cells: Object.fromEntries(plan.cells.map((cell) => [cell.id, {
      cellId: cell.id, command: cell.command, output: printed[cell.command] ?? '', exitCode: 0, expectedExit: 0, durationMs: 1,
      startedAt: '2026-12-02T00:00:00.000Z', timedOut: false, truncated: false, status: 'ok' as const,
    }])),
    vars: {},
  })
  const run = runOf(outputs)
  expect(file.messages.filter((message) => message.fatal)).toEqual([])
  file.messages.length = 0
  bindOutputVars(plan, run)
  checkProseDrift(plan.tree, file, run, earlier ? runOf(earlier) : undefined)
  checkSampleChanges(plan.tree, file, run)
  return { run, messages: file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.reason}`) }
}

const lesson = (prose: string) => `# Namespaces

\`\`\`console
$ ls -l /proc/self/ns
lrwxrwxrwx 1 root root 0 Jun 11 05:43 net -> 'net:[4026531993]'
lrwxrwxrwx 1 root root 0 Jun 11 05:43 pid -> 'pid:[4026532201]'
\`\`\`

${prose}
`

const real = { 'ls -l /proc/self/ns': "lrwxrwxrwx 1 root root 0 Dec  2 06:00 net -> 'net:[4026531993]'\nlrwxrwxrwx 1 root root 0 Dec  2 06:00 pid -> 'pid:[4026532299]'\n" }

describe('sample output the machine no longer prints', () => {
  it('is said as info at the command, comparing shapes: values, dates and spacing may change', async () => {
    const markdown = '# Processes\n\n```console\n$ ps -o pid,comm\n  PID COMMAND\n 2817 containerd-shim\n...\n 3001 systemd\n```\n'
    expect(await drift(markdown, { 'ps -o pid,comm': '    PID COMMAND\n     41 containerd-shim\n     52 sh\n' })).toEqual([
      '4:3 sample-changed: Unexpected sample output of `ps -o pid,comm`: it shows a line the machine no longer prints (first: `3001 systemd`), expected the sample to be output that still happens: write the real output in, or `...` for lines left out',
    ])
    expect(await drift(markdown, { 'ps -o pid,comm': '  PID COMMAND\n   7 containerd-shim\n   9 systemd\n' })).toEqual([])
  })
})

describe('prose drift', () => {
  it('reports a sample value the capture no longer prints, with the value it has there', async () => {
    expect(await drift(lesson('The pid namespace is 4026532201 here.'), real)).toEqual([
      "9:22 prose-drift: Unexpected `4026532201` in prose, expected a value the real output holds: it comes from the sample output of `ls -l /proc/self/ns` (line 4), which the capture replaced, and the capture does not print it; the capture has `4026532299` there: write `:val[name]` and bind it in lesson.yaml with `vars: {name: {cell: 'ls -l /proc/self/ns', match: 'pid:\\[([0-9A-Za-z.:]+)'}}`",
    ])
  })

  it('proposes a binding that works: with it, the prose shows the captured value and nothing drifts', async () => {
    const [message] = await drift(lesson('The pid namespace is 4026532201 here.'), real)
    const proposed = /`vars: \{name: (\{.*\})\}`$/.exec(message!)?.[1]
    expect(proposed).toBeDefined()
    const bound = await driftRun(lesson('The pid namespace is :val[name] here.'), real, { vars: `{name: ${proposed}}` })
    expect(bound.messages).toEqual([])
    expect(bound.run.vars).toEqual({ name: '4026532299' })
  })

  it('reports a value copied from an earlier capture that the new run no longer prints', async () => {
    const markdown = '# Ports\n\n`docker port web`{{execute}}\n\nThe server listens on 0.0.0.0:32768, and its container is 3f2a9c1b7d6e.\n'
    const earlier = { 'docker port web': '80/tcp -> 0.0.0.0:32768\n' }
    const messages = await drift(markdown, { 'docker port web': '80/tcp -> 0.0.0.0:32771\n' }, { earlier })
    expect(messages).toEqual([
      '5:31 prose-drift: Unexpected `32768` in prose, expected a value the real output holds: it comes from an earlier capture of `docker port web` (line 3), which this run replaced, and the capture does not print it; the capture has `32771` there: write `:val[name]` and bind it in lesson.yaml with `vars: {name: {cell: \'docker port web\', match: \'0\\.0\\.0\\.0:([0-9A-Za-z.:]+)\'}}`',
    ])
    expect(await drift(markdown, { 'docker port web': '80/tcp -> 0.0.0.0:32768\n' }, { earlier })).toEqual([])
  })

  it('says it in every locale: a Chinese summary copied from the sample', async () => {
    const messages = await drift(lesson('每个容器都有自己的 pid 命名空间（上面是 4026532201），而网络的是 4026531993。'), real, 'zh')
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^9:\d+ prose-drift: Unexpected `4026532201` in prose/)
  })

  it('leaves alone values the capture still prints, values of no sample, and :val', async () => {
    expect(await drift(lesson('The net namespace stays 4026531993; port 8080 and :val[web_pid] are not from the sample.'), real)).toEqual([])
  })

  it('says nothing when the capture is the sample', async () => {
    const same = { 'ls -l /proc/self/ns': "lrwxrwxrwx 1 root root 0 Jun 11 05:43 net -> 'net:[4026531993]'\nlrwxrwxrwx 1 root root 0 Jun 11 05:43 pid -> 'pid:[4026532201]'\n" }
    expect(await drift(lesson('The pid namespace is 4026532201 here.'), same)).toEqual([])
  })
})
