// out/report.json: every cell of every lesson with its status, exit code and duration.
import { hasFatal } from './messages.js'
import { originOf, type LessonPlan } from './plan/index.js'
import type { LessonRun } from './captures/index.js'

export interface ReportCell {
  id: string
  /** The file the command is written in (a scenario's step file), and its line there. */
  file: string
  line: number
  /** Run but never shown (lesson option `hidden`, a scenario's scripts). */
  hidden: boolean
  /** The scenario script this cell runs, when it is one. */
  script?: 'assets' | 'background' | 'foreground' | 'verify'
  command: string
  status: 'ok' | 'failed' | 'skipped' | 'norun' | 'not-run'
  exitCode: number | null
  expectedExit: number
  durationMs: number
  timedOut: boolean
}

export interface ReportLesson {
  slug: string
  locale: string
  file: string
  ok: boolean
  /** executed: ran in this build; frozen: rendered from captures.json. Absent when it has no output. */
  captures?: 'executed' | 'frozen'
  provenance?: LessonRun['provenance']
  cells: ReportCell[]
}

export interface Report {
  generatedAt: string
  ok: boolean
  lessons: ReportLesson[]
}

/** Summarise plans and their runs (a lesson that never ran lists its cells as not-run). */
export function buildReport(lessons: ReadonlyArray<{ plan: LessonPlan; run?: LessonRun; source?: 'executed' | 'frozen' }>): Report {
  const entries = lessons.map(({ plan, run, source }): ReportLesson => {
    const cells = plan.cells.map((cell): ReportCell => {
      const capture = run?.cells[cell.id]
      const origin = originOf(plan.file, cell.position.start)
      return {
        id: cell.id,
        file: origin?.file.path ?? plan.file.path,
        line: origin?.point.line ?? cell.position.start.line,
        hidden: cell.options.hidden,
        ...(cell.script ? { script: cell.script.kind } : {}),
        command: capture?.command ?? cell.command,
        status: capture?.status ?? 'not-run',
        exitCode: capture?.exitCode ?? null,
        expectedExit: cell.options.exit,
        durationMs: Math.round(capture?.durationMs ?? 0),
        timedOut: capture?.timedOut ?? false,
      }
    })
    const ok = run !== undefined && !hasFatal([plan.file])
    const entry: ReportLesson = { slug: plan.slug, locale: plan.locale, file: plan.file.path, ok, cells }
    if (source) entry.captures = source
    if (run) entry.provenance = run.provenance
    return entry
  })
  return { generatedAt: new Date().toISOString(), ok: entries.every((entry) => entry.ok), lessons: entries }
}
