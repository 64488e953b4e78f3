// Masking a whole run: what each cell printed and ran, its prompt, and the variables' values;
// and the messages the run added, which quote outputs.
import type { VFile } from 'vfile'
import type { LessonRun } from '../../captures/index.js'
import type { SecretMasker } from './masker.js'

/** `run` with every secret masked (a new value; `run` is left as it was). */
export function maskRun(run: LessonRun, masker: SecretMasker): LessonRun {
  const cells = Object.fromEntries(
    Object.entries(run.cells).map(([id, cell]) => {
      const masked = { ...cell, command: masker.mask(cell.command), output: masker.mask(cell.output) }
      if (cell.prompt !== undefined) masked.prompt = masker.mask(cell.prompt)
      return [id, masked]
    }),
  )
  const vars = Object.fromEntries(Object.entries(run.vars).map(([name, value]) => [name, masker.mask(value)]))
  return { ...run, cells, vars }
}

/** Mask the reasons and notes of `messages` in place (they reach the terminal and report.json). */
export function maskMessages(messages: VFile['messages'], masker: SecretMasker): void {
  for (const message of messages) {
    message.reason = masker.mask(message.reason)
    message.message = message.reason
    if (message.note !== undefined) message.note = masker.mask(message.note)
  }
}
