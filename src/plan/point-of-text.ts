// Where a value of lesson.yaml (an image name, a `waits` command) is written, for messages
// about values the schema accepted but the build could not use.
import type { Point } from 'unist'
import type { VFile } from 'vfile'

/** First place `text` appears in `file`; 1:1 when it does not. */
export function pointOfText(file: VFile, text: string): Point {
  const lines = String(file.value).split('\n')
  const index = lines.findIndex((line) => line.includes(text))
  if (index === -1) return { line: 1, column: 1 }
  return { line: index + 1, column: lines[index]!.indexOf(text) + 1 }
}
