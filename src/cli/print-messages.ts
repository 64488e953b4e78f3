// Positioned messages as text (vfile-reporter, stderr) or JSON (stdout, for CI), and whether
// they fail the command. Loaded by the commands that report on lessons, once they run.
import type { VFile } from 'vfile'
import { hasFatal, hasWarning } from '../messages.js'
import { writeErr, type Format } from './output.js'

/** Print the files' messages; `whenNone` is the text line said when there are none. */
export async function printMessages(files: VFile[], format: Format, whenNone?: string): Promise<void> {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(messagesAsJson(files), null, 2) + '\n')
    return
  }
  // Quiet: files without messages are not listed, so with none there is nothing to sort and format.
  // vfile-reporter (with string-width and its tables) is loaded only then: a clean check starts faster.
  const report = files.some((file) => file.messages.length > 0) ? (await import('vfile-reporter')).reporter(files, { quiet: true, verbose: true }) : ''
  if (report) writeErr(report)
  else if (whenNone !== undefined) writeErr(whenNone)
}

/** Errors fail a command; warnings only with `--frail`. */
export function fails(files: readonly VFile[], frail: boolean | undefined): boolean {
  return hasFatal(files) || (frail === true && hasWarning(files))
}

/** `--format json`: every message with its file, place, severity and rule. */
export function messagesAsJson(files: VFile[]) {
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      file: file.path,
      line: message.line ?? null,
      column: message.column ?? null,
      endLine: message.place && 'start' in message.place ? message.place.end.line : null,
      endColumn: message.place && 'start' in message.place ? message.place.end.column : null,
      severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
      ruleId: message.ruleId ?? null,
      source: message.source ?? null,
      reason: message.reason,
    })),
  )
}
