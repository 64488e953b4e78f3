// `shellbook check`: every lesson checked without running it (no Docker, no lock: read-only).
// The checker is loaded when the command runs: the other commands and `--help` skip it.
import type { Command } from 'commander'
import { formatOption, frailOption, lessonsOption } from './options.js'
import type { Format, Outcome } from './output.js'

interface CheckFlags {
  lessons?: string | undefined
  format: Format
  frail?: true | undefined
}

export function addCheckCommand(program: Command, outcome: Outcome): void {
  program
    .command('check')
    .description('check lessons without running them (no Docker needed): input, translations, prose language, stale captures')
    .argument('[slug...]', 'lessons to check: their folder names in --lessons, or paths to them; default: all')
    .addOption(lessonsOption())
    .addOption(formatOption())
    .addOption(frailOption())
    .action(async (slugs: string[], flags: CheckFlags) => {
      const [{ checkLessons }, { fails, printMessages }] = await Promise.all([import('../check-lessons.js'), import('./print-messages.js')])
      const result = await checkLessons({ lessonsDir: flags.lessons, slugs })
      await printMessages(result.files, flags.format, `${result.files.length} file(s) checked: no problems`)
      outcome.exitCode = fails(result.files, flags.frail) ? 1 : 0
    })
}
