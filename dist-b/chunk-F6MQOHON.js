import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// dist/files/write-atomic.js
import { randomUUID } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
async function writeFileAtomic(path3, data) {
  const dir = dirname(path3);
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${basename(path3)}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path3);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

// dist/files/lock.js
import { randomUUID as randomUUID2 } from "node:crypto";
import { readFileSync, statSync, unlinkSync } from "node:fs";
import { link, open as open2, readFile, rename as rename2, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
var unreadableGraceMs = 1e4;
async function acquireLock(path3, options) {
  const token = randomUUID2();
  const mine = { pid: process.pid, hostname: hostname(), owner: options.owner, startedAt: (/* @__PURE__ */ new Date()).toISOString(), token };
  const deadline = Date.now() + options.waitMs;
  const tookOver = [];
  let told;
  for (; ; ) {
    if (await create(path3, JSON.stringify(mine, null, 2) + "\n"))
      return { kind: "acquired", release: releaser(path3, token), tookOver };
    const seen = await read(path3);
    if (seen === void 0)
      continue;
    const holder = seen.holder;
    if (holder === void 0 ? seen.ageMs > unreadableGraceMs : !options.isAlive(holder)) {
      if (await takeOver(path3, seen.text) && holder !== void 0)
        tookOver.push(holder);
      continue;
    }
    if (holder !== void 0 && told !== seen.text) {
      told = seen.text;
      options.onWait?.(holder);
    }
    const left = deadline - Date.now();
    if (options.signal?.aborted)
      return { kind: "aborted", holder };
    if (left <= 0)
      return { kind: "busy", holder };
    try {
      await sleep(Math.min(options.pollMs ?? 250, left), void 0, options.signal ? { signal: options.signal } : {});
    } catch {
      return { kind: "aborted", holder };
    }
  }
}
async function create(path3, content) {
  let handle;
  try {
    handle = await open2(path3, "wx");
  } catch (error) {
    if (error.code === "EEXIST")
      return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return true;
}
async function read(path3) {
  let text;
  let ageMs;
  try {
    text = await readFile(path3, "utf8");
    ageMs = Date.now() - statSync(path3).mtimeMs;
  } catch (error) {
    if (error.code === "ENOENT")
      return void 0;
    throw error;
  }
  return { text, holder: parseHolder(text), ageMs };
}
function parseHolder(text) {
  try {
    const value = JSON.parse(text);
    if (typeof value?.pid !== "number" || typeof value.hostname !== "string" || typeof value.owner !== "string" || typeof value.startedAt !== "string")
      return void 0;
    return { pid: value.pid, hostname: value.hostname, owner: value.owner, startedAt: value.startedAt };
  } catch {
    return void 0;
  }
}
async function takeOver(path3, text) {
  const aside = `${path3}.stale-${randomUUID2().slice(0, 8)}`;
  try {
    await rename2(path3, aside);
  } catch (error) {
    if (error.code === "ENOENT")
      return false;
    throw error;
  }
  const moved = await readFile(aside, "utf8");
  if (moved !== text)
    await link(aside, path3).catch(() => {
    });
  await unlink(aside);
  return moved === text;
}
function releaser(path3, token) {
  const release = () => {
    process.off("exit", release);
    try {
      if (JSON.parse(readFileSync(path3, "utf8")).token === token)
        unlinkSync(path3);
    } catch {
    }
  };
  process.on("exit", release);
  return release;
}

// dist/files/display-path.js
import path from "node:path";
function displayPath(file) {
  const relative = path.relative(process.cwd(), file);
  if (relative === "")
    return ".";
  return relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(file) : relative;
}

// dist/files/own-folder.js
import { existsSync } from "node:fs";
import path2 from "node:path";
import { fileURLToPath } from "node:url";
function projectOrOwnFolder(name) {
  const local = path2.resolve(name);
  if (existsSync(local))
    return local;
  for (const up of ["../..", "../../.."]) {
    const own = fileURLToPath(new URL(`${up}/${name}`, import.meta.url));
    if (existsSync(own))
      return own;
  }
  return local;
}

export {
  writeFileAtomic,
  acquireLock,
  displayPath,
  projectOrOwnFolder
};
