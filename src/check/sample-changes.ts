// The author's sample outputs beside the real ones: a sample line the machine no longer prints
// is said as info at the command, so an author sees when the prose around it describes output
// that no longer happens. Lines are compared by their shape: numbers, ids, dates and runs of
// spaces change from run to run (prose drift watches the values), `...` lines are elisions.
import { stripVTControlCharacters } from 'node:util'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { LessonRun } from '../captures/index.js'
import { excerpt, info } from '../messages.js'
import { isElision } from '../parse/index.js'

export function checkSampleChanges(tree: Root, file: VFile, run: LessonRun): void {
  visit(tree, (node) => {
    if (node.type !== 'execBlock' && node.type !== 'execInline') return
    for (const command of node.commands) {
      const captured = command.cellId === undefined ? undefined : run.cells[command.cellId]
      if (command.sample === undefined || !captured || captured.status === 'norun' || captured.status === 'skipped') continue
      const real = new Set(stripVTControlCharacters(captured.output).split('\n').map(normal))
      const gone = command.sample.split('\n').filter((line) => line.trim() !== '' && !isElision(line) && !real.has(normal(line)))
      if (gone.length === 0) continue
      const count = gone.length === 1 ? 'a line' : `${gone.length} lines`
      info(
        file,
        `Unexpected sample output of \`${excerpt(command.command)}\`: it shows ${count} the machine no longer prints (first: \`${excerpt(gone[0]!.trim(), 60)}\`), expected the sample to be output that still happens: write the real output in, or \`...\` for lines left out`,
        command.position,
        'sample-changed',
      )
    }
  })
}

/** A line's shape: PIDs, inodes, sizes, times and ids as `0`, month names as `Mon`, spaces as one. */
function normal(line: string): string {
  return line
    .trim()
    .replace(/\b[0-9a-f]{12,64}\b/g, '0')
    .replace(/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g, 'Mon')
    .replace(/\d+(?:[.:]\d+)*/g, '0')
    .replace(/\s+/g, ' ')
}
