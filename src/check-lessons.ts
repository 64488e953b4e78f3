// `shellbook check`: everything the parser and planner can tell without running a command
// and without Docker — bad input, unbound placeholders, translations that part from their
// source, prose in the wrong language, glued markers, captures that no longer match, and
// committed captures holding a secret.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { checkClaims, checkProseDrift, checkSampleChanges, lintLesson } from './check/index.js'
import { type LessonConfig, scanLessonsFolder, hasErrors, loadLesson, missingLessonsFolder, relocateMessages, slugOfArgument, unknownLesson } from './plan/index.js'
import { bindOutputVars, planExecutions, thawExecution } from './captures/index.js'
import { error, hasFatal } from './messages.js'
import { SecretMasker } from './run/secrets/index.js'

export interface CheckOptions {
  /** Folder of lessons; default `lessons`, resolved against the working folder. */
  lessonsDir?: string | undefined
  /** Lessons to check; default all. */
  slugs?: string[] | undefined
}

export interface CheckResult {
  /** Every file read, each with its messages. */
  files: VFile[]
  /** No fatal message. */
  ok: boolean
}

/** Anything in a committed captures.json that the detectors (or lesson.yaml `secrets`) would mask. */
function reportSecrets(file: VFile, secrets: LessonConfig['secrets']): void {
  const text = String(file.value)
  if (text === '') return
  const masker = new SecretMasker({ values: secrets?.values ?? [], patterns: (secrets?.patterns ?? []).map((source) => new RegExp(source, 'g')) })
  const place = location(file)
  for (const found of masker.locate(text)) {
    error(file, `Unexpected ${found.kind} in captures.json, expected no secret in a committed file: run \`shellbook build --refresh\` to capture it again masked, and revoke it`, place.toPoint(found.index), 'secret-in-captures')
  }
}

export async function checkLessons(options: CheckOptions = {}): Promise<CheckResult> {
  // Read-only: no lock, a check may run beside a build (captures.json is replaced atomically).
  const lessonsDir = path.resolve(options.lessonsDir ?? 'lessons')
  if (!existsSync(lessonsDir)) return { files: [missingLessonsFolder(lessonsDir)], ok: false }
  const folder = await scanLessonsFolder(lessonsDir)
  const known = folder.slugs
  // Folders that are not lessons are said only when the whole folder is checked.
  const files: VFile[] = options.slugs?.length ? [] : [...folder.files]
  const named = options.slugs?.map((argument) => slugOfArgument(argument, folder.lessons))
  for (const slug of named?.length ? [...new Set(named)] : known) {
    if (!known.includes(slug)) {
      files.push(unknownLesson(slug, known, lessonsDir))
      continue
    }
    const lesson = await loadLesson(lessonsDir, slug, folder.lessons.find((entry) => entry.slug === slug)?.dir)
    files.push(...lesson.files)
    for (const plan of lesson.plans) lintLesson(plan.tree, plan.file, plan.locale)
    if (hasErrors(lesson) || lesson.plans.length === 0) continue
    const planned = await planExecutions(lesson, false)
    files.push(planned.captures.file)
    reportSecrets(planned.captures.file, lesson.config?.secrets)
    for (const { group, decision } of planned.executions) {
      if (decision.kind === 'frozen') {
        const run = thawExecution(lesson.slug, decision.execution)
        for (const plan of group.plans) {
          bindOutputVars(plan, run)
          checkClaims(plan, run, { lessonClaims: plan === group.runner })
          checkProseDrift(plan.tree, plan.file, run)
          checkSampleChanges(plan.tree, plan.file, run)
        }
      }
      if (decision.kind !== 'run') continue
      error(decision.file, `Unexpected stale captures: ${decision.reason}, expected captures.json to match what the lesson runs; run \`shellbook build\` with a Docker engine to refresh them`, decision.place, 'stale-captures')
    }
  }
  const reported = relocateMessages(files)
  return { files: reported, ok: !hasFatal(reported) }
}
