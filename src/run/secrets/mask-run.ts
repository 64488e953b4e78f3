// Masking a whole run: what each cell printed and ran, its prompt, and the variables' values.
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
