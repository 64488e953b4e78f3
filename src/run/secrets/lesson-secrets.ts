// A lesson's secrets, gathered before anything runs: lesson.yaml `secrets` (values from the
// build's environment, literals, patterns) on top of the built-in detectors.
import { pointOfText, type LessonPlan } from '../../plan/index.js'
import { warning } from '../../messages.js'
import type { LessonRun } from '../../captures/index.js'
import { SecretMasker } from './masker.js'
import { maskMessages, maskRun } from './mask-run.js'

/** The masker of a lesson's outputs, and the variables its shells export (`secrets.env`). */
export interface LessonSecretSet {
  masker: SecretMasker
  exports: Record<string, string>
  /** `run` masked, and the messages the lesson got since the secrets were registered (they quote outputs). */
  seal(run: LessonRun): LessonRun
}

/** Registers `plan`'s secrets; a `secrets.env` name the build's environment lacks is a warning, and is not exported. */
export function lessonSecrets(plan: LessonPlan, environment: NodeJS.ProcessEnv = process.env): LessonSecretSet {
  const config = plan.config.secrets
  const exports: Record<string, string> = {}
  for (const name of config?.env ?? []) {
    const value = environment[name]
    if (value === undefined || value === '') {
      warning(plan.configFile, `Unexpected unset \`${name}\` in the build's environment, expected the secret \`secrets.env\` names: the lesson's shells do not have it`, pointOfText(plan.configFile, name), 'secret-missing')
      continue
    }
    exports[name] = value
  }
  const masker = new SecretMasker({
    values: [...Object.values(exports), ...(config?.values ?? [])],
    patterns: (config?.patterns ?? []).map((source) => new RegExp(source, 'g')),
  })
  const files = [plan.file, plan.configFile]
  const before = files.map((file) => file.messages.length)
  const seal = (run: LessonRun): LessonRun => {
    files.forEach((file, index) => maskMessages(file.messages.slice(before[index]), masker))
    return maskRun(run, masker)
  }
  return { masker, exports, seal }
}
