// Worker thread: checks one lessons folder at a time with shellbook's compiled public API and
// prints it as the CLI would (vfile-reporter), then builds it with no engine (what is frozen
// renders, the rest fails needing execution), so a hang can be ended by terminating the thread.
// Plain JavaScript because Node starts it without vitest's TypeScript transform.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parentPort, workerData } from 'node:worker_threads'
import { reporter } from 'vfile-reporter'

// shellbook's compiled public API: this checkout's dist/, or another build's (to compare before and after a fix).
const { build, checkLessons, findLessonSlugs, loadLesson } = await import(workerData?.dist ?? '../../dist/index.js')
const root = fileURLToPath(new URL('../../', import.meta.url))

// Stack overflows happen deep in recursive parsers: keep every frame, so shellbook's own frame is in the trace.
Error.stackTraceLimit = Infinity
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).join()
const lines = (text) => (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1

/** What the main thread needs to classify a result: paths, whether files have content, message positions. */
function summarize(files) {
  return files.map((file) => {
    const text = file.value === undefined ? '' : String(file.value)
    return {
      path: file.path ?? null,
      hasContent: text.length > 0,
      lineCount: lines(text),
      messages: file.messages.map((message) => ({
        fatal: message.fatal === true, line: message.line ?? null, column: message.column ?? null,
        ruleId: message.ruleId ?? null, reason: String(message.reason).slice(0, 400),
      })),
    }
  })
}

/** An overflow's stack has thousands of frames: keep the first ones and the first of shellbook's own (dist/). */
function shortStack(stack) {
  const lines = stack.split('\n')
  const dist = lines.filter((line) => line.includes('/dist/') && !line.includes('/node_modules/'))
  return [...lines.slice(0, 30), ...dist.slice(0, 10)].join('\n')
}

/**
 * What check cannot show but build would trip on: a cell whose `waits` condition is not a string
 * (`toString`{{execute}} finds Object.prototype.toString in lesson.yaml's `waits`).
 */
async function planProblems(lessonsDir) {
  const problems = []
  try {
    for (const slug of await findLessonSlugs(lessonsDir)) {
      for (const plan of (await loadLesson(lessonsDir, slug)).plans) {
        for (const cell of plan.cells) {
          if (cell.waitUntil === undefined || typeof cell.waitUntil === 'string') continue
          problems.push(`${plan.file.path}: cell ${cell.id} \`${cell.command}\` waits for a ${typeof cell.waitUntil} (${String(cell.waitUntil).slice(0, 40)}), not a lesson.yaml condition`)
        }
      }
    }
  } catch {
    // What throws here threw in checkLessons too, and is reported from there.
  }
  return problems
}

/** `shellbook build` of the folder with no engine to reach: parse, plan, captures, render, report.json. */
async function buildOffline(lessonsDir) {
  const outDir = await mkdtemp(path.join(tmpdir(), 'shellbook-fuzz-out-'))
  try {
    await build({
      lessonsDir, outDir, templatesDir: path.join(root, 'templates'), imagesDir: path.join(root, 'images'),
      engines: ['unix:///nonexistent/shellbook-fuzz.sock'], pull: false, waitLockMs: 0,
    })
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}

parentPort.on('message', async ({ id, lessonsDir, slowMs }) => {
  let phase = 'check'
  const start = performance.now()
  try {
    const result = await checkLessons({ lessonsDir })
    const checked = performance.now()
    phase = 'report'
    const report = reporter(result.files)
    const reported = performance.now()
    const polluted = Object.getOwnPropertyNames(Object.prototype).join() !== prototypeKeys
    // A slow input would only get slower: the plan is looked at when the check was quick.
    const quick = reported - start < slowMs
    const plan = quick ? await planProblems(lessonsDir) : []
    phase = 'build'
    const building = performance.now()
    if (quick) await buildOffline(lessonsDir)
    const buildMs = quick ? performance.now() - building : 0
    parentPort.postMessage({
      id, type: 'resolved', checkMs: checked - start, reportMs: reported - checked, buildMs, reportLength: report.length,
      ok: result.ok, files: summarize(result.files), polluted, plan,
    })
  } catch (error) {
    const { name = 'Error', message = String(error), stack = '', code } = error instanceof Error ? error : {}
    parentPort.postMessage({
      id, type: 'threw', phase, ms: performance.now() - start, name, code: typeof code === 'string' ? code : null,
      message: String(message).slice(0, 1000), stack: shortStack(String(stack)),
    })
  }
})
parentPort.postMessage({ type: 'ready' })
