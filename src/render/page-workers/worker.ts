// A page worker: a thread that renders the lesson pages the build posts to it (pool.ts), with
// templates, strings and a highlighter of its own, and posts back their HTML and Markdown.
import { parentPort, workerData } from 'node:worker_threads'
import { createCommandHighlighter } from '../highlight.js'
import type { SiteEnv } from '../html-page.js'
import { loadCatalogs } from '../i18n.js'
import { loadTemplates } from '../templates.js'
import { jobOfPortable, renderPageJob } from './page-job.js'
import type { PageWorkerData, ToWorker, FromWorker } from './pool.js'

const port = parentPort
if (!port) throw new Error('Unexpected start of a page worker outside a worker thread')
const data = workerData as PageWorkerData
// Loaded once, before the first job is read: jobs wait in the port's queue meanwhile.
const env: Promise<SiteEnv> = Promise.all([loadTemplates(data.templatesDir), loadCatalogs(data.templatesDir)]).then(([templates, catalogs]) => ({ templates, catalogs, highlighter: createCommandHighlighter() }))
// One job at a time, in the order posted.
let last: Promise<void> = Promise.resolve()
port.on('message', (message: ToWorker) => {
  last = last.then(async () => {
    let reply: FromWorker
    try {
      reply = { id: message.id, pages: await renderPageJob(jobOfPortable(message.job), await env, data.site, data.maxLines) }
    } catch (error) {
      reply = { id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
    }
    port.postMessage(reply)
  })
})
