// The server of `shellbook dev`: the built site on loopback, each HTML page with the live
// client added, and a stream of server-sent events (pages-written, building, failed, ok).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { eventsPath, liveClient, liveClientPath } from './live-client.js'

export type DevEvent = 'pages-written' | 'building' | 'failed' | 'ok'

export interface DevServer {
  url: string
  /** Send an event to every open page; the last `failed`/`building` is replayed to pages opened later. */
  send(event: DevEvent, data?: string): void
  /** Send `pages-written`; resolves once every page open then has connected again (reloaded), or after `timeoutMs`. */
  sendAndAwaitReload(timeoutMs: number): Promise<void>
  close(): Promise<void>
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.md': 'text/markdown; charset=utf-8',
}

export async function startDevServer(siteDir: string, options: { port: number; basePath: string }): Promise<DevServer> {
  const clients = new Set<ServerResponse>()
  let standing: { event: DevEvent; data: string } | undefined
  // Pages told to reload and not connected again yet, and who waits for them.
  let reloading = 0
  let reloaded: (() => void) | undefined
  const onConnect = () => {
    if (reloading > 0 && --reloading === 0) reloaded?.()
  }
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      response.end(error instanceof Error ? error.message : String(error))
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    if (pathname === eventsPath) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      response.write(': shellbook dev\n\n')
      if (standing) response.write(frame(standing.event, standing.data))
      clients.add(response)
      onConnect()
      request.on('close', () => clients.delete(response))
      return
    }
    if (pathname === liveClientPath) {
      response.writeHead(200, { 'content-type': types['.js']!, 'cache-control': 'no-store' })
      response.end(liveClient)
      return
    }
    const inside = pathname.startsWith(options.basePath) ? pathname.slice(options.basePath.length) : undefined
    // normalize() of an absolute path cannot climb above it: nothing outside the site is served.
    let file = inside === undefined ? undefined : path.join(siteDir, path.posix.normalize(`/${inside}`))
    if (file && (await stat(file).catch(() => undefined))?.isDirectory()) file = path.join(file, 'index.html')
    const found = file ? await readFile(file).catch(() => undefined) : undefined
    const status = found ? 200 : 404
    const served = found && file ? file : path.join(siteDir, '404.html')
    const body = found ?? (await readFile(served).catch(() => Buffer.from('not found')))
    const type = types[path.extname(served)] ?? 'application/octet-stream'
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
    response.end(type.startsWith('text/html') ? withLiveClient(body.toString('utf8')) : body)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  function send(event: DevEvent, data = ''): void {
    standing = event === 'failed' || event === 'building' ? { event, data } : undefined
    for (const client of clients) client.write(frame(event, data))
  }
  return {
    url: `http://127.0.0.1:${port}${options.basePath}`,
    send,
    sendAndAwaitReload(timeoutMs) {
      reloading = clients.size
      send('pages-written')
      if (reloading === 0) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs)
        function done() {
          clearTimeout(timer)
          reloading = 0
          reloaded = undefined
          resolve()
        }
        reloaded = done
      })
    },
    close: () => new Promise((resolve) => {
      for (const client of clients) client.end()
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}

function frame(event: DevEvent, data: string): string {
  return `event: ${event}\n${data.split('\n').map((line) => `data: ${line}`).join('\n')}\n\n`
}

function withLiveClient(html: string): string {
  const tag = `<script src="${liveClientPath}"></script>`
  return html.includes('</body>') ? html.replace('</body>', `${tag}\n</body>`) : html + tag
}
