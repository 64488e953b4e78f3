// The `shellbook` command. Parses arguments, runs the command, prints positioned messages
// (vfile-reporter) and progress on stderr. main() never exits the process: it resolves to
// the exit code (0 ok, 1 a check or build failed, 2 bad arguments, 130 interrupted).
import { existsSync, readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
// Past run/'s face on purpose: run/index.js loads the engines (zx), which `--help` must not pay for.
import { UnknownEngineError } from './run/engine/unknown-engine.js'
import { addBuildCommand } from './cli/build-command.js'
import { addCheckCommand } from './cli/check-command.js'
import { addDevCommand } from './cli/dev-command.js'
import { addCleanCommand, addHostsCommand, addImagesCommand } from './cli/engine-commands.js'
import { writeErr, writeErrText, type Outcome } from './cli/output.js'

/** Run the CLI with `argv` (as in process.argv); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const outcome: Outcome = { exitCode: 0 }
  const program = new Command()
    .name('shellbook')
    .description('Run every command of a Markdown lesson on a live Docker host and render localized pages with the real output.')
    .version(packageVersion(), '-V, --version', 'print the version of shellbook')
    // Set before the commands are added: subcommands copy these settings when created.
    .exitOverride()
    .configureOutput({ writeErr: writeErrText })
    .showHelpAfterError()
  addBuildCommand(program, outcome)
  addHostsCommand(program, outcome)
  addCheckCommand(program, outcome)
  addDevCommand(program, outcome)
  addCleanCommand(program, outcome)
  addImagesCommand(program, outcome)
  try {
    await program.parseAsync(argv)
  } catch (error) {
    // commander printed its message already: help and version are 0, a usage error is 2.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    if (!(error instanceof UnknownEngineError)) throw error
    writeErr(`error  ${error.message}  unknown-engine`)
    return 2
  }
  return outcome.exitCode
}

/** The version in shellbook's package.json: the first one above the compiled module (dist/cli.js, or dist-bench/src/cli.js). */
function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    const url = new URL(up, import.meta.url)
    if (!existsSync(url)) continue
    const manifest = JSON.parse(readFileSync(url, 'utf8')) as { name?: unknown; version?: unknown }
    if (manifest.name === 'shellbook' && typeof manifest.version === 'string') return manifest.version
  }
  return 'unknown'
}
