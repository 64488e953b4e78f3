// Secrets: found and masked in everything a lesson's run produced, before it is written.
export { detectors, type Detector } from './detectors.js'
export { SecretMasker, type LessonSecrets } from './masker.js'
export { maskMessages, maskRun } from './mask-run.js'
export { lessonSecrets, type LessonSecretSet } from './lesson-secrets.js'
