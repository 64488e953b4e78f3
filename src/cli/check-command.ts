// `shellbook check`: every lesson checked without running it (no Docker, no lock: read-only).
import type { Command } from 'commander'
import { checkLessons } from '../check-lessons.js'
import { formatOption, frailOption, lessonsOption } from './options.js'
import { fails, printMessages, type Format, type Outcome } from './output.js'

interface CheckFlags {
  lessons?: string | undefined
  format: Format
  frail?: true | undefined
}

export function addCheckCommand(program: Command, outcome: Outcome): void {
  program
    .command('check')
    .description('check lessons without running them (no Docker needed): input, translations, prose language, stale captures')
    .argument('[slug...]', 'lessons to check (folders of --lessons); default: all')
    .addOption(lessonsOption())
    .addOption(formatOption())
    .addOption(frailOption())
    .action(async (slugs: string[], flags: CheckFlags) => {
      const result = await checkLessons({ lessonsDir: flags.lessons, slugs })
      printMessages(result.files, flags.format, `${result.files.length} file(s) checked: no problems`)
      outcome.exitCode = fails(result.files, flags.frail) ? 1 : 0
    })
}
