// Claims: what a cell's output must hold, written once (lesson.yaml `claims`, shared by every
// translation, or a cell's `claim="…"`) and checked against every capture, live or frozen.
// A claim that fails is an error at the cell, with a diff: lessons become tests of the
// systems they teach.
import { visibleOutput, type LessonRun } from '../../captures/index.js'
import { error, excerpt } from '../../messages.js'
import { findCell, type Cell, type LessonPlan } from '../../plan/index.js'
import { matchClaim } from './claim-match.js'

/**
 * Check the claims of `plan`'s cells against `run`. lesson.yaml's claims are checked only
 * with `lessonClaims` (on the plan that ran: one message per execution, not per locale).
 */
export function checkClaims(plan: LessonPlan, run: LessonRun, { lessonClaims }: { lessonClaims: boolean }): void {
  const claimed: Array<{ cell: Cell; claim: string; from: string }> = []
  for (const cell of plan.cells) if (cell.options.claim !== undefined) claimed.push({ cell, claim: cell.options.claim, from: 'its `claim`' })
  if (lessonClaims) {
    for (const [reference, claims] of Object.entries(plan.config.claims)) {
      const cell = findCell(plan.cells, reference)
      if (cell) for (const claim of claims) claimed.push({ cell, claim, from: 'lesson.yaml `claims`' })
    }
  }
  for (const { cell, claim, from } of claimed) {
    const capture = run.cells[cell.id]
    // A cell that did not run has said so already; there is no output to judge.
    if (!capture || capture.status === 'skipped' || capture.status === 'norun') continue
    const outcome = matchClaim(claim, visibleOutput(capture))
    if (outcome.held) continue
    error(
      plan.file,
      `Unexpected output of \`${excerpt(capture.command)}\`, expected it to hold \`${excerpt(claim)}\` (${from})`,
      cell.position,
      'claim-failed',
      { note: outcome.diff },
    )
  }
}
