// Lessons built by hand for render tests: exec nodes, cells, a plan and a run, each with the
// defaults a planned lesson would have, so a test states only what it is about.
import type { PhrasingContent, RootContent } from 'mdast'
import { VFile } from 'vfile'
import type { CellCapture, LessonRun } from '../src/captures/types.js'
import type { ExecBlock, ExecCommand, ExecInline } from '../src/parse/types.js'
import { lessonConfigSchema } from '../src/plan/lesson-config.js'
import type { Cell, CellOptions, LessonPlan } from '../src/plan/types.js'

export const here = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }

// --- hand-built lessons ---------------------------------------------------------------

export function exec(cellId: string, command: string, prompt = ''): ExecCommand {
  return { command, prompt, position: here, cellId }
}
export function execBlock(...commands: ExecCommand[]): ExecBlock {
  return { type: 'execBlock', lang: 'console', attributes: {}, commands }
}
export function execInline(command: ExecCommand): ExecInline {
  return { type: 'execInline', value: command.command, attributes: {}, commands: [command] }
}
export function paragraph(...children: Array<PhrasingContent | string>): RootContent {
  return { type: 'paragraph', children: children.map((child) => (typeof child === 'string' ? { type: 'text', value: child } : child)) }
}
export function cell(id: string, command: string, options: Partial<CellOptions> = {}): Cell {
  return { id, command, vars: [], position: here, options: { session: '1', exit: 0, timeoutMs: 30_000, hidden: false, norun: false, interrupt: false, keys: false, ...options } }
}
/** `yaml`: lesson.yaml fields beyond the title (`terminal: {cols, rows}`). */
export function plan(children: RootContent[], cells: Cell[], locale = 'en', yaml: Record<string, unknown> = {}): LessonPlan {
  return {
    slug: 'demo', locale, title: 'Demo lesson', file: new VFile(), configFile: new VFile(), config: lessonConfigSchema.parse({ title: { [locale]: 'Demo lesson' }, ...yaml }),
    tree: { type: 'root', children }, cells, steps: cells.map((c) => ({ kind: 'cell' as const, cell: c })), outputVars: {},
  }
}
export function capture(cellId: string, command: string, output: string, extra: Partial<CellCapture> = {}): CellCapture {
  return {
    cellId, command, output, exitCode: 0, expectedExit: 0, durationMs: 10, startedAt: '2025-06-11T05:42:00.000Z',
    timedOut: false, truncated: false, status: 'ok', ...extra,
  }
}
export function run(captures: CellCapture[], vars: Record<string, string> = {}): LessonRun {
  return {
    slug: 'demo', vars, cells: Object.fromEntries(captures.map((c) => [c.cellId, c])),
    provenance: {
      hostKind: 'local', engineVersion: '26.1.5', kernel: '6.1.0-18-amd64', os: 'Debian GNU/Linux 12', startedAt: '2025-06-11T05:42:00.000Z', finishedAt: '2025-06-11T05:43:00.000Z',
      images: [{ name: 'redis:alpine', id: 'sha256:0123456789abcdef0123', standIn: true }, { name: 'busybox', id: 'sha256:fedcba9876543210', standIn: false }],
    },
  }
}
