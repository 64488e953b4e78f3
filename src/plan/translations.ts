// Translations of one lesson: which locale is the source, and where a translation's commands
// part from the source's.
import path from 'node:path'
import { stepContent } from './execution-key.js'
import type { LoadedLesson } from './load-lessons.js'
import { pointOfText } from './point-of-text.js'
import { describeOrigin } from './scenario/index.js'
import type { Cell, LessonPlan } from './types.js'
import { error, excerpt, warning } from '../messages.js'

/** The locale the lesson was written in: lesson.yaml `source`, else the first `title` locale with a file, else the first file. */
export function sourcePlan(lesson: LoadedLesson): LessonPlan | undefined {
  const byLocale = new Map(lesson.plans.map((plan) => [plan.locale, plan]))
  const named = lesson.config?.source
  if (named !== undefined) return byLocale.get(named)
  for (const locale of Object.keys(lesson.config?.title ?? {})) {
    const plan = byLocale.get(locale)
    if (plan) return plan
  }
  return lesson.plans[0]
}

/**
 * Every translation must run the source's commands: report the first place each one parts
 * from it (a warning: it still builds, with an execution of its own), naming both positions.
 */
export function checkTranslations(lesson: LoadedLesson): void {
  const named = lesson.config?.source
  if (named !== undefined && !lesson.plans.some((plan) => plan.locale === named)) {
    error(lesson.configFile, `Unexpected \`source: ${named}\` with no \`${named}.md\`, expected one of ${lesson.plans.map((plan) => `\`${plan.locale}\``).join(', ')}`, pointOfText(lesson.configFile, 'source:'), 'unknown-source')
    return
  }
  const source = sourcePlan(lesson)
  if (!source) return
  for (const plan of lesson.plans) if (plan !== source) compareCells(source, plan)
}

function compareCells(source: LessonPlan, translation: LessonPlan): void {
  const count = Math.max(source.cells.length, translation.cells.length)
  for (let index = 0; index < count; index++) {
    const expected = source.cells[index]
    const actual = translation.cells[index]
    if (expected && actual && sameCell(expected, actual)) continue
    const sourceName = path.basename(source.file.path)
    const at = (cell: Cell) => describeOrigin(source.file, cell.position.start, sourceName)
    if (expected && actual) {
      const what = expected.command === actual.command ? `options for \`${excerpt(actual.command)}\`` : `command \`${excerpt(actual.command)}\``
      warning(translation.file, `Unexpected ${what} in a translation, expected \`${excerpt(expected.command)}\`${describeOptions(expected, actual)} as in the source ${at(expected)}`, actual.position, 'translation-diverges')
    } else if (expected) {
      const last = translation.cells.at(-1)?.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }
      warning(translation.file, `Unexpected end of the translation's commands, expected \`${excerpt(expected.command)}\` as in the source ${at(expected)} (missing cell)`, last, 'translation-missing-cell')
    } else if (actual) {
      warning(translation.file, `Unexpected command \`${excerpt(actual.command)}\` in a translation, expected no more commands: the source ${sourceName} ends before it`, actual.position, 'translation-diverges')
    }
    return
  }
}

function sameCell(a: Cell, b: Cell): boolean {
  return JSON.stringify(stepContent({ kind: 'cell', cell: a })) === JSON.stringify(stepContent({ kind: 'cell', cell: b }))
}

/** When only options differ, say which. */
function describeOptions(expected: Cell, actual: Cell): string {
  if (expected.command !== actual.command) return ''
  const differing = Object.keys(expected.options).filter((name) => JSON.stringify(expected.options[name as keyof Cell['options']]) !== JSON.stringify(actual.options[name as keyof Cell['options']]))
  if (expected.cwd !== actual.cwd) differing.push('working directory')
  return differing.length > 0 ? ` with its ${differing.join(', ')}` : ''
}
