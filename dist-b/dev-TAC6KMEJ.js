import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  build,
  createCommandHighlighter
} from "./chunk-D75ZSFDG.js";
import "./chunk-KAQQPUAR.js";
import {
  formatRunEvent
} from "./chunk-WJWLVX7B.js";
import "./chunk-LN5KJFZT.js";
import "./chunk-AQOKNGIA.js";
import "./chunk-LA7SMQYS.js";
import {
  reporter
} from "./chunk-LUOQCD4D.js";
import "./chunk-NJ6BZCIB.js";
import "./chunk-Y4U74EJ7.js";
import "./chunk-V5KDF7BP.js";
import "./chunk-FZWPXLRH.js";
import "./chunk-F6MQOHON.js";
import "./chunk-2OD3M2GK.js";
import "./chunk-V4RWK56N.js";

// dist/dev/dev-loop.js
import { existsSync } from "node:fs";
import path2 from "node:path";

// dist/dev/dev-server.js
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

// dist/dev/live-client.js
var liveClientPath = "/__shellbook/live.js";
var eventsPath = "/__shellbook/events";
var liveClient = `(function () {
  'use strict'
  var overlay = null
  function show(kind, text) {
    if (!overlay) {
      overlay = document.createElement('div')
      overlay.setAttribute('role', 'status')
      overlay.style.cssText = 'position:fixed;inset:auto 1rem 1rem 1rem;z-index:99;max-height:60vh;overflow:auto;padding:.75rem 1rem;border-radius:8px;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 8px 24px rgba(0,0,0,.35)'
      document.body.appendChild(overlay)
    }
    overlay.dataset.kind = kind
    overlay.style.background = kind === 'error' ? '#3b1219' : '#0d2a4a'
    overlay.style.color = kind === 'error' ? '#ffd7d5' : '#d6e9ff'
    overlay.textContent = text
  }
  function hide() { if (overlay) { overlay.remove(); overlay = null } }
  var events = new EventSource(${JSON.stringify(eventsPath)})
  // Said on the page, so a person (or a test) can tell live reload is connected.
  events.addEventListener('open', function () { document.documentElement.dataset.live = 'open' })
  events.addEventListener('pages-written', function () { location.reload() })
  events.addEventListener('building', function (event) { show('building', event.data) })
  events.addEventListener('failed', function (event) { show('error', event.data) })
  events.addEventListener('ok', hide)
})()
`;

// dist/dev/dev-server.js
var types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".md": "text/markdown; charset=utf-8"
};
async function startDevServer(siteDir, options) {
  const clients = /* @__PURE__ */ new Set();
  let standing;
  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(error instanceof Error ? error.message : String(error));
    });
  });
  async function handle(request, response) {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (pathname === eventsPath) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      response.write(": shellbook dev\n\n");
      if (standing)
        response.write(frame(standing.event, standing.data));
      clients.add(response);
      request.on("close", () => clients.delete(response));
      return;
    }
    if (pathname === liveClientPath) {
      response.writeHead(200, { "content-type": types[".js"], "cache-control": "no-store" });
      response.end(liveClient);
      return;
    }
    const inside = pathname.startsWith(options.basePath) ? pathname.slice(options.basePath.length) : void 0;
    let file = inside === void 0 ? void 0 : path.join(siteDir, path.posix.normalize(`/${inside}`));
    if (file && (await stat(file).catch(() => void 0))?.isDirectory())
      file = path.join(file, "index.html");
    const found = file ? await readFile(file).catch(() => void 0) : void 0;
    const status = found ? 200 : 404;
    const served = found && file ? file : path.join(siteDir, "404.html");
    const body = found ?? await readFile(served).catch(() => Buffer.from("not found"));
    const type = types[path.extname(served)] ?? "application/octet-stream";
    response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    response.end(type.startsWith("text/html") ? withLiveClient(body.toString("utf8")) : body);
  }
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${options.basePath}`,
    send(event, data = "") {
      standing = event === "failed" || event === "building" ? { event, data } : void 0;
      for (const client of clients)
        client.write(frame(event, data));
    },
    close: () => new Promise((resolve) => {
      for (const client of clients)
        client.end();
      server.close(() => resolve());
      server.closeAllConnections();
    })
  };
}
function frame(event, data) {
  return `event: ${event}
${data.split("\n").map((line) => `data: ${line}`).join("\n")}

`;
}
function withLiveClient(html) {
  const tag = `<script src="${liveClientPath}"></script>`;
  return html.includes("</body>") ? html.replace("</body>", `${tag}
</body>`) : html + tag;
}

// dist/dev/watch-lessons.js
import { watch } from "node:fs";
function watchFolders(folders, onChange, quietMs = 40) {
  let pending = /* @__PURE__ */ new Set();
  let timer;
  const watchers = folders.map((folder) => watch(folder, { recursive: true }, (_event, name) => {
    const changed = name ? `${folder}/${name}` : folder;
    if (/(^|\/)\.shellbook\.lock|\.tmp-|captures\.json/.test(changed))
      return;
    pending.add(changed);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = [...pending];
      pending = /* @__PURE__ */ new Set();
      onChange(batch);
    }, quietMs);
  }));
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers)
      watcher.close();
  };
}

// dist/dev/dev-loop.js
async function runDev(options) {
  const { log, signal } = options;
  const lessonsDir = path2.resolve(options.build.lessonsDir ?? "lessons");
  const outDir = path2.resolve(options.build.outDir ?? "out");
  let server;
  let running;
  let again = [];
  const highlighter = createCommandHighlighter();
  const onEvent = (event) => {
    options.build.onEvent?.(event);
    const line = formatRunEvent(event);
    if (line === void 0 || event.kind === "captures-frozen")
      return;
    log(line);
    if (event.kind === "captures-stale" || event.kind === "lesson-start" || event.kind === "cell-end" || event.kind === "host-ready")
      server?.send("building", line);
  };
  const once = async (why) => {
    const started = performance.now();
    let pagesAfter;
    const onPagesWritten = () => {
      pagesAfter = performance.now() - started;
      server?.send("pages-written");
    };
    const result = await build({ ...options.build, onEvent, signal, highlighter, onPagesWritten });
    const ms = Math.round(performance.now() - started);
    const report = reporter(result.files, { quiet: true, verbose: false, color: false });
    if (report)
      log(reporter(result.files, { quiet: true, verbose: true }));
    const pages = pagesAfter === void 0 ? "" : `pages in ${Math.round(pagesAfter)} ms, `;
    log(`${result.ok ? "\u2713 built" : "\u2717 build failed"}: ${pages}done in ${ms} ms (${why})`);
    server?.send(result.ok ? "ok" : "failed", report);
    return result;
  };
  const rebuild = (changed) => {
    if (signal.aborted)
      return;
    if (running) {
      again.push(...changed);
      return;
    }
    const why = [...new Set(changed.map((file) => path2.relative(process.cwd(), file)))].slice(0, 3).join(", ") + " changed";
    running = once(why).then(() => void 0, (error) => log(`\u2717 build crashed: ${error instanceof Error ? error.message : String(error)}`)).finally(() => {
      running = void 0;
      const next = again;
      again = [];
      if (next.length > 0)
        rebuild(next);
    });
  };
  await once("first build");
  if (signal.aborted)
    return;
  server = await startDevServer(path2.join(outDir, "site"), { port: options.port, basePath: options.build.address?.basePath ?? "/" });
  options.onListening?.(server.url);
  const templates = options.build.templatesDir === void 0 ? path2.resolve("templates") : path2.resolve(options.build.templatesDir);
  const folders = [lessonsDir, ...existsSync(templates) ? [templates] : []];
  const stopWatching = watchFolders(folders, rebuild);
  await new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  stopWatching();
  await running;
  await server.close();
}
export {
  runDev,
  startDevServer
};
