// Turns build events into lines on stderr: one formatter per kind of event.
import type { RunEvent } from './run/events.js'
import type { ImageEvent } from './run/images.js'

type Write = (line: string) => void

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const oneLine = (text: string) => (text.length > 70 ? text.slice(0, 69) + '…' : text).replace(/\n/g, ' ⏎ ')

/** Format run events as plain progress lines. */
export function formatRunEvent(event: RunEvent, write: Write): void {
  switch (event.kind) {
    case 'captures-frozen':
      return write(`❄ ${event.slug} (${event.locales.join(', ')}): frozen captures of ${event.capturedAt}, nothing to execute`)
    case 'captures-stale':
      return write(`↻ ${event.slug} (${event.locales.join(', ')}): executing, ${event.reason}`)
    case 'lesson-start':
      return write(`▶ ${event.slug} (${event.locale}): ${event.cells} ${event.cells === 1 ? 'cell' : 'cells'}`)
    case 'images-ready':
      return write(`  images ready: ${event.images.join(', ')}`)
    case 'var':
      return write(`  = ${event.name} is ${oneLine(event.value)}`)
    case 'cell-start':
      return
    case 'cell-end': {
      const { capture, cell } = event
      const mark = { ok: '✓', failed: '✗', skipped: '-', norun: '·' }[capture.status]
      const status = capture.timedOut ? 'timed out' : capture.status === 'failed' ? `exit ${capture.exitCode}` : ''
      return write(`  ${mark} ${cell.id} line ${cell.position.start.line}  ${oneLine(capture.command)}  ${seconds(capture.durationMs)} ${status}`.trimEnd())
    }
    case 'lesson-end':
      return write(`${event.ok ? '✓' : '✗'} ${event.slug} ${event.ok ? 'done' : 'failed'} in ${seconds(event.durationMs)}`)
  }
}

/** After this long, a running cell says it is still running (and again each time as long). */
const stillRunningAfterMs = 5000

/**
 * Run events → lines, plus a "still running" line for cells that take long, so a slow
 * `apt-get` or a cell heading for its timeout never looks like a hang.
 */
export function createRunProgress(write: Write): { onEvent: (event: RunEvent) => void; stop: () => void } {
  let timer: NodeJS.Timeout | undefined
  const stop = () => clearInterval(timer)
  const onEvent = (event: RunEvent) => {
    if (event.kind === 'cell-start') {
      const started = Date.now()
      const { cell } = event
      stop()
      timer = setInterval(() => {
        write(`  … ${cell.id} line ${cell.position.start.line}  ${oneLine(cell.command)}  still running (${seconds(Date.now() - started)})`)
      }, stillRunningAfterMs)
      timer.unref()
    } else if (event.kind === 'cell-end' || event.kind === 'lesson-end') {
      stop()
    }
    formatRunEvent(event, write)
  }
  return { onEvent, stop }
}

/** Format image events (pull, offline build) as progress lines. */
export function formatImageEvent(event: ImageEvent, write: Write): void {
  switch (event.kind) {
    case 'image-pull':
      return write(`  image ${event.name}: pulling…`)
    case 'image-pull-failed':
      return write(`  image ${event.name}: cannot pull (${oneLine(event.reason)}), using an offline recipe`)
    case 'image-build':
      return write(`  image ${event.name}: building a stand-in from images/${event.recipe}/ (${event.cause})…`)
    case 'image-ready': {
      const what = event.standIn ? 'stand-in' : 'image'
      return write(`  image ${event.name}: ${what} ${event.id.replace(/^sha256:/, '').slice(0, 12)} ready (${event.source}, ${seconds(event.durationMs)})`)
    }
  }
}
