// Turns build events into progress on stderr: plain lines (one formatter per kind of event;
// lessons running in parallel are told apart by their slug), or, on a terminal, the same
// lasting lines plus a live block with one row per running lesson (cell n/m, elapsed).
import { createLogUpdate } from 'log-update'
import type { RunEvent, ImageEvent } from './run/index.js'
import { LESSON_HOST_IMAGE } from './run/hosts/lesson-host-image.js'
import type { Cell } from './plan/index.js'

type Write = (line: string) => void

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const oneLine = (text: string) => (text.length > 70 ? text.slice(0, 69) + '…' : text).replace(/\n/g, ' ⏎ ')

/** Format run events as plain progress lines; `undefined` for events that make no line. */
export function formatRunEvent(event: RunEvent): string | undefined {
  switch (event.kind) {
    case 'captures-frozen':
      return `❄ ${event.slug} (${event.locales.join(', ')}): frozen captures of ${event.capturedAt}, nothing to execute`
    case 'captures-stale':
      return `↻ ${event.slug} (${event.locales.join(', ')}): executing${event.engine === undefined ? '' : ` on ${event.engine}`}, ${event.reason}`
    case 'engine-skipped':
      return `warning: engine ${event.endpoint} skipped: ${event.reason}`
    case 'lesson-start':
      return `▶ ${event.slug} (${event.locale}): ${event.cells} ${event.cells === 1 ? 'cell' : 'cells'}`
    case 'host-ready':
      return `  ${event.slug}: ${event.host} host ready in ${seconds(event.durationMs)}`
    case 'var':
      return `  ${event.slug}: ${event.name} = ${oneLine(event.value)}`
    case 'cell-start':
      return undefined
    case 'cell-end': {
      const { capture, cell } = event
      const mark = { ok: '✓', failed: '✗', skipped: '-', norun: '·' }[capture.status]
      const status = capture.timedOut ? 'timed out' : capture.leftRunning === 'still-running' ? 'left running' : capture.status === 'failed' ? `exit ${capture.exitCode}` : ''
      return `  ${mark} ${event.slug} ${cell.id} ${event.where ?? `line ${cell.position.start.line}`}  ${oneLine(shownCommand(cell, capture.command))}  ${seconds(capture.durationMs)} ${status}`.trimEnd()
    }
    case 'lesson-end':
      return `${event.ok ? '✓' : '✗'} ${event.slug} ${event.ok ? 'done' : 'failed'} in ${seconds(event.durationMs)}`
  }
}

/** After this long, a running cell says it is still running (and again each time as long). */
const stillRunningAfterMs = 5000

export interface RunProgress {
  onEvent: (event: RunEvent) => void
  /** A line that must stay (an image being built, a warning), printed above any live block. */
  line: Write
  stop: () => void
}

/**
 * Plain progress: event lines, plus a "still running" line for cells that take long, so a
 * slow `apt-get` or a cell heading for its timeout never looks like a hang.
 */
export function createRunProgress(write: Write): RunProgress {
  const timers = new Map<string, NodeJS.Timeout>()
  const stopCell = (slug: string) => {
    clearInterval(timers.get(slug))
    timers.delete(slug)
  }
  const onEvent = (event: RunEvent) => {
    if (event.kind === 'cell-start') {
      const started = Date.now()
      const { cell, slug } = event
      stopCell(slug)
      const timer = setInterval(() => {
        write(`  … ${slug} ${cell.id} ${event.where ?? `line ${cell.position.start.line}`}  ${oneLine(shownCommand(cell, cell.command))}  still running (${seconds(Date.now() - started)})`)
      }, stillRunningAfterMs)
      timer.unref()
      timers.set(slug, timer)
    } else if (event.kind === 'cell-end' || event.kind === 'lesson-end') {
      stopCell(event.slug)
    }
    const line = formatRunEvent(event)
    if (line !== undefined) write(line)
  }
  return { onEvent, line: write, stop: () => [...timers.keys()].forEach(stopCell) }
}

interface Running {
  locale: string
  startedAt: number
  index: number
  total: number
  command: string
}

/** On a terminal: lasting lines for lessons and failures, and a live row per running lesson. */
export function createLiveProgress(stream: NodeJS.WriteStream): RunProgress {
  const live = createLogUpdate(stream)
  const running = new Map<string, Running>()
  const render = () => {
    const now = Date.now()
    const rows = [...running].map(([slug, lesson]) => {
      const cell = lesson.index > 0 ? `cell ${lesson.index}/${lesson.total}` : 'starting host'
      return `  ⋯ ${slug} (${lesson.locale})  ${cell}  ${seconds(now - lesson.startedAt)}  ${oneLine(lesson.command)}`
    })
    live(rows.join('\n'))
  }
  const line = (text: string) => {
    live.clear()
    stream.write(text + '\n')
    render()
  }
  const timer = setInterval(render, 250)
  timer.unref()
  const onEvent = (event: RunEvent) => {
    if (event.kind === 'lesson-start') running.set(event.slug, { locale: event.locale, startedAt: Date.now(), index: 0, total: event.cells, command: '' })
    const lesson = 'slug' in event ? running.get(event.slug) : undefined
    if (event.kind === 'cell-start' && lesson) Object.assign(lesson, { index: event.index, total: event.total, command: event.cell.command })
    if (event.kind === 'lesson-end') running.delete(event.slug)
    // Lasting lines: everything but the cell-by-cell and variable chatter, which the live rows show; failed cells stay.
    const lasting = event.kind === 'cell-end' ? event.capture.status === 'failed' : event.kind !== 'var' && event.kind !== 'cell-start'
    const text = formatRunEvent(event)
    if (lasting && text !== undefined) line(text)
    else render()
  }
  return {
    onEvent,
    line,
    stop: () => {
      clearInterval(timer)
      live.clear()
      live.done()
    },
  }
}

/** Format image events (pull, offline build) as progress lines. */
export function formatImageEvent(event: ImageEvent): string {
  switch (event.kind) {
    case 'image-pull':
      return `  image ${event.name}: pulling…`
    case 'image-pull-failed':
      return `  image ${event.name}: cannot pull (${oneLine(event.reason)}), using an offline recipe`
    case 'image-build':
      return `  image ${event.name}: building ${event.recipe === 'lesson-host' ? 'the lesson host' : 'a stand-in'} from images/${event.recipe}/ (${event.cause})…`
    case 'image-ready': {
      const what = event.name === LESSON_HOST_IMAGE ? 'lesson host' : event.standIn ? 'stand-in' : 'image'
      return `  image ${event.name}: ${what} ${event.id.replace(/^sha256:/, '').slice(0, 12)} ready (${event.source}, ${seconds(event.durationMs)})`
    }
  }
}

/** A scenario script is named by its file, not by its contents. */
function shownCommand(cell: Cell, command: string): string {
  return cell.script ? `(${cell.script.kind} script ${cell.script.name})` : command
}
