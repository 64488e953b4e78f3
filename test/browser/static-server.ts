// A static file server on loopback for the browser tests: the built site as a host serves it
// (index.html for a folder, 404.html for what is not there), under an optional base path.
import { createServer, type Server } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.xml': 'application/xml', '.wasm': 'application/wasm' }

export interface StaticSite {
  /** `http://127.0.0.1:<port><base>` */
  url: string
  close: () => Promise<void>
}

export async function serveSite(root: string, base = '/'): Promise<StaticSite> {
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    const inside = pathname.startsWith(base) ? pathname.slice(base.length) : undefined
    let file = inside === undefined ? undefined : path.join(root, path.normalize(`/${inside}`))
    if (file && (await stat(file).catch(() => undefined))?.isDirectory()) file = path.join(file, 'index.html')
    const body = file ? await readFile(file).catch(() => undefined) : undefined
    if (body && file) {
      response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
      response.end(body)
      return
    }
    response.writeHead(404, { 'content-type': types['.html']! })
    response.end(await readFile(path.join(root, '404.html')).catch(() => 'not found'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}${base}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
