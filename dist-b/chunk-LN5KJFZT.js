import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  UnknownEngineError
} from "./chunk-AQOKNGIA.js";
import {
  $,
  quote
} from "./chunk-LA7SMQYS.js";
import {
  containersCreatedBy,
  dockerRunsInside,
  fillPlaceholders,
  findPlaceholders,
  freezeRun,
  lessonSecrets,
  pullsImages,
  readOutputVar,
  simpleCommands,
  sourcePlan,
  thawExecution,
  updateCaptures
} from "./chunk-V5KDF7BP.js";
import {
  describeOrigin,
  external_exports,
  pointOfText
} from "./chunk-FZWPXLRH.js";
import {
  error,
  excerpt,
  hasFatal,
  warning
} from "./chunk-2OD3M2GK.js";

// dist/run/execution-pool.js
import os3 from "node:os";

// node_modules/yocto-queue/index.js
var Node = class {
  value;
  next;
  constructor(value) {
    this.value = value;
  }
};
var Queue = class {
  #head;
  #tail;
  #size;
  constructor() {
    this.clear();
  }
  enqueue(value) {
    const node = new Node(value);
    if (this.#head) {
      this.#tail.next = node;
      this.#tail = node;
    } else {
      this.#head = node;
      this.#tail = node;
    }
    this.#size++;
  }
  dequeue() {
    const current = this.#head;
    if (!current) {
      return;
    }
    this.#head = this.#head.next;
    this.#size--;
    if (!this.#head) {
      this.#tail = void 0;
    }
    return current.value;
  }
  peek() {
    if (!this.#head) {
      return;
    }
    return this.#head.value;
  }
  clear() {
    this.#head = void 0;
    this.#tail = void 0;
    this.#size = 0;
  }
  get size() {
    return this.#size;
  }
  *[Symbol.iterator]() {
    let current = this.#head;
    while (current) {
      yield current.value;
      current = current.next;
    }
  }
  *drain() {
    while (this.#head) {
      yield this.dequeue();
    }
  }
};

// node_modules/p-limit/index.js
function pLimit(concurrency) {
  let rejectOnClear = false;
  if (typeof concurrency === "object") {
    ({ concurrency, rejectOnClear = false } = concurrency);
  }
  validateConcurrency(concurrency);
  if (typeof rejectOnClear !== "boolean") {
    throw new TypeError("Expected `rejectOnClear` to be a boolean");
  }
  const queue = new Queue();
  let activeCount = 0;
  const resumeNext = () => {
    if (activeCount < concurrency && queue.size > 0) {
      activeCount++;
      queue.dequeue().run();
    }
  };
  const next = () => {
    activeCount--;
    resumeNext();
  };
  const run = async (function_, resolve, arguments_) => {
    const result = (async () => function_(...arguments_))();
    resolve(result);
    try {
      await result;
    } catch {
    }
    next();
  };
  const enqueue = (function_, resolve, reject, arguments_) => {
    const queueItem = { reject };
    new Promise((internalResolve) => {
      queueItem.run = internalResolve;
      queue.enqueue(queueItem);
    }).then(run.bind(void 0, function_, resolve, arguments_));
    if (activeCount < concurrency) {
      resumeNext();
    }
  };
  const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
    enqueue(function_, resolve, reject, arguments_);
  });
  Object.defineProperties(generator, {
    activeCount: {
      get: () => activeCount
    },
    pendingCount: {
      get: () => queue.size
    },
    clearQueue: {
      value() {
        if (!rejectOnClear) {
          queue.clear();
          return;
        }
        const abortError = AbortSignal.abort().reason;
        while (queue.size > 0) {
          queue.dequeue().reject(abortError);
        }
      }
    },
    concurrency: {
      get: () => concurrency,
      set(newConcurrency) {
        validateConcurrency(newConcurrency);
        concurrency = newConcurrency;
        queueMicrotask(() => {
          while (activeCount < concurrency && queue.size > 0) {
            resumeNext();
          }
        });
      }
    },
    map: {
      async value(iterable, function_) {
        const promises = [];
        try {
          Array.from(iterable, (value, index) => {
            const promise = generator(function_, value, index);
            promises.push(promise);
            return promise;
          });
        } catch (error2) {
          for (const promise of promises) {
            promise.catch(() => {
            });
          }
          throw error2;
        }
        return Promise.all(promises);
      }
    }
  });
  return generator;
}
function validateConcurrency(concurrency) {
  if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
    throw new TypeError("Expected `concurrency` to be a number from 1 and up");
  }
}

// dist/run/images/ensure-images.js
import { fileURLToPath } from "node:url";

// dist/run/engine/docker.js
var defaultDockerTimeoutMs = 6e4;
async function docker(args, options = {}) {
  const timeoutMs = options.timeoutMs ?? defaultDockerTimeoutMs;
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, timeoutMs);
  const onAbort = () => ac.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const env = options.engine === void 0 ? process.env : { ...process.env, DOCKER_HOST: options.engine };
  const started = Date.now();
  try {
    const output = await $({
      nothrow: true,
      quiet: true,
      verbose: false,
      env,
      ac,
      ...options.cwd === void 0 ? {} : { cwd: options.cwd },
      ...options.input === void 0 ? {} : { input: options.input }
    })`docker ${[...args]}`;
    return {
      args,
      exitCode: output.exitCode,
      signal: output.signal,
      stdout: output.stdout,
      stderr: output.stderr,
      durationMs: Date.now() - started,
      timedOut
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}
function dockerFailure(result) {
  if (result.timedOut)
    return `timed out after ${result.durationMs} ms`;
  const said = lastLines(result.stderr.replace(/^Run 'docker .*--help'.*$/gm, ""), 1);
  return said === "" ? `exit status ${result.exitCode ?? result.signal ?? "unknown"}` : said;
}
function lastLines(text, count) {
  return text.split("\n").map((line) => line.trim()).filter((line) => line !== "").slice(-count).join(" \u23CE ");
}

// dist/run/engine/endpoint.js
async function endpointOf(value) {
  if (value.includes("://"))
    return value;
  const result = await docker(["context", "inspect", "--format", "{{.Endpoints.docker.Host}}", value], { timeoutMs: 1e4 });
  const endpoint = result.stdout.trim();
  if (result.exitCode !== 0 || endpoint === "") {
    throw new UnknownEngineError(`Unexpected engine \`${value}\`, expected an endpoint such as unix:///run/docker.sock or a docker context name (\`docker context ls\`)`);
  }
  return endpoint;
}

// dist/run/engine/labels.js
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
var LABELS = {
  /** Unique per build process: `3f9c0a1b2d4e`. */
  build: "org.shellbook.build",
  /** Who owns it: `<hostname>:<pid>:<process start time>`. */
  owner: "org.shellbook.owner",
  /** The lesson's slug. */
  lesson: "org.shellbook.lesson"
};
function currentBuildOwner() {
  const owner = ownerOf(process.pid);
  return { buildId: createHash("sha256").update(owner).digest("hex").slice(0, 12), owner };
}
function labelArgs(owner, slug) {
  return [`${LABELS.build}=${owner.buildId}`, `${LABELS.owner}=${owner.owner}`, `${LABELS.lesson}=${slug}`].flatMap((label) => ["--label", label]);
}
function isOwnerAlive(owner) {
  const match = /^(.+):(\d+):(\d+)$/.exec(owner);
  if (match === null || match[1] !== hostname())
    return true;
  const pid = Number(match[2]);
  const startTime = processStartTime(pid);
  if (startTime !== void 0)
    return String(startTime) === match[3];
  return !existsSync("/proc/self/stat") && pidExists(pid);
}
function ownerOf(pid) {
  return `${hostname()}:${pid}:${processStartTime(pid) ?? 0}`;
}
function pidExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error2) {
    return error2.code === "EPERM";
  }
}
function processStartTime(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return void 0;
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const value = Number(fields[22 - 3]);
  return Number.isInteger(value) ? value : void 0;
}

// dist/run/engine/probe.js
var EngineUnreachableError = class extends Error {
  name = "EngineUnreachableError";
  /** What docker said, verbatim: `Cannot connect to the Docker daemon at unix:///var/run/docker.sock…`. */
  detail;
  /** The endpoint tried; `default` when DOCKER_HOST was not set. */
  endpoint;
  /** A short clause for messages that have their own advice: `no Docker engine answers at …`. */
  summary;
  constructor(endpoint, detail, missingCli) {
    super(missingCli ? `Unexpected missing \`docker\` command, expected the Docker CLI on PATH: install it with \`apt-get install docker.io\` (${detail})` : `Unexpected unreachable Docker engine at ${endpoint}, expected a running engine: start one with \`dockerd >/var/log/dockerd.log 2>&1 &\` or \`systemctl start docker\`, or point DOCKER_HOST at one (docker said: ${detail})`);
    this.detail = detail;
    this.endpoint = endpoint;
    this.summary = missingCli ? "no `docker` command is installed" : `no Docker engine answers at ${endpoint}`;
  }
};
var infoSchema = external_exports.object({
  ServerVersion: external_exports.string(),
  KernelVersion: external_exports.string(),
  OperatingSystem: external_exports.string(),
  Architecture: external_exports.string(),
  Driver: external_exports.string(),
  CgroupVersion: external_exports.string().optional(),
  IndexServerAddress: external_exports.string(),
  RegistryConfig: external_exports.object({ Mirrors: external_exports.array(external_exports.string()).nullable().optional() }).nullable()
});
async function probeEngine(options = {}) {
  const call = { timeoutMs: options.timeoutMs ?? 1e4, engine: options.engine };
  const endpoint = options.engine ?? process.env["DOCKER_HOST"] ?? "default";
  const result = await docker(["info", "--format", "{{json .}}"], call);
  if (result.exitCode === 127)
    throw new EngineUnreachableError(endpoint, dockerFailure(result), true);
  if (result.exitCode !== 0)
    throw new EngineUnreachableError(endpoint, dockerFailure(result), false);
  const parsed = infoSchema.safeParse(parseJson(result.stdout));
  if (!parsed.success || parsed.data.ServerVersion === "") {
    throw new EngineUnreachableError(endpoint, `unexpected \`docker info\` output: ${result.stdout.slice(0, 200)}`, false);
  }
  const info = parsed.data;
  return {
    serverVersion: info.ServerVersion,
    kernel: info.KernelVersion,
    os: info.OperatingSystem,
    arch: info.Architecture,
    storageDriver: info.Driver,
    cgroupVersion: info.CgroupVersion ?? "",
    registry: { index: info.IndexServerAddress, mirrors: info.RegistryConfig?.Mirrors ?? [] }
  };
}
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}

// dist/run/engine/reaper.js
async function reapOrphans(options = {}) {
  return removeWhere(LABELS.owner, (listed) => !isOwnerAlive(listed.owner), callOf(options.engine));
}
async function removeLabelled(options) {
  const filter = options.all === true ? LABELS.build : `${LABELS.build}=${options.buildId}`;
  return removeWhere(filter, () => true, callOf(options.engine));
}
async function removeWhere(filter, chosen, call) {
  const removed = { containers: 0, volumes: 0, networks: 0 };
  for (const kind of ["containers", "networks", "volumes"]) {
    const refs = (await list(kind, filter, call)).filter(chosen).map((listed) => listed.ref);
    if (refs.length === 0)
      continue;
    removed[kind] = await remove(kind, refs, call);
  }
  return removed;
}
var listArgs = {
  containers: ["ps", "-a", "--no-trunc", "--format"],
  volumes: ["volume", "ls", "--format"],
  networks: ["network", "ls", "--no-trunc", "--format"]
};
async function list(kind, filter, call) {
  const ref = kind === "volumes" ? "{{.Name}}" : "{{.ID}}";
  const result = await docker([...listArgs[kind], `${ref}	{{.Label "${LABELS.owner}"}}`, "--filter", `label=${filter}`], call);
  if (result.exitCode !== 0)
    return [];
  return result.stdout.split("\n").filter((line) => line.trim() !== "").map((line) => {
    const [found = "", owner = ""] = line.split("	");
    return { ref: found.trim(), owner: owner.trim() };
  });
}
var removeArgs = {
  containers: ["rm", "-f", "-v"],
  volumes: ["volume", "rm", "-f"],
  networks: ["network", "rm"]
};
async function remove(kind, refs, call) {
  const result = await docker([...removeArgs[kind], ...refs], call);
  if (result.exitCode === 0)
    return refs.length;
  const gone = new Set(result.stdout.split("\n").map((line) => line.trim()));
  return refs.filter((ref) => gone.has(ref)).length;
}
function callOf(engine) {
  return { engine };
}

// dist/run/images/missing-image-error.js
var MissingImageError = class extends Error {
  name = "MissingImageError";
  /** The image as the lesson wrote it: `redis:alpine`. */
  image;
  reason;
  /** What the failing tool said (stderr tail), when there was one. */
  detail;
  constructor(image, reason, message, detail = "") {
    super(detail === "" ? message : `${message} (${detail})`);
    this.image = image;
    this.reason = reason;
    this.detail = detail;
  }
};

// dist/run/images/image-name.js
var component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var registryPattern = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?$/;
var tagPattern = /^[\w][\w.-]{0,127}$/;
var digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
function parseImageName(name) {
  let rest = name;
  let digest;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest))
      return void 0;
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag))
      return void 0;
  }
  const parts = rest.split("/");
  let registry;
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    registry = first;
    parts.shift();
    if (!registryPattern.test(registry))
      return void 0;
  }
  if (parts.length === 0 || !parts.every((part) => component.test(part)))
    return void 0;
  return {
    name,
    path: parts.join("/"),
    ...registry === void 0 ? {} : { registry },
    ...tag === void 0 ? {} : { tag },
    ...digest === void 0 ? {} : { digest }
  };
}
function recipeNameOf(image) {
  return image.path.split("/").at(-1) ?? image.path;
}

// dist/run/images/recipe.js
import { createHash as createHash2 } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
var standInLabel = "org.shellbook.stand-in";
var recipeHashLabel = "org.shellbook.recipe-hash";
var buildFormat = "shellbook-stand-in/1";
var recipeNamePattern = /^[a-z0-9][a-z0-9._-]*$/;
var recipeConfigSchema = external_exports.object({
  /** What the stand-in replaces, for humans. */
  description: external_exports.string().optional(),
  /** A recipe whose build.sh fills the rootfs first (like FROM); its image.json is not inherited. */
  from: external_exports.string().regex(recipeNamePattern).optional(),
  /** ENTRYPOINT, exec form; default none. */
  entrypoint: external_exports.array(external_exports.string().min(1)).min(1).optional(),
  /** CMD, exec form. */
  cmd: external_exports.array(external_exports.string().min(1)).min(1),
  /** ENV; default none (docker then supplies a PATH). Values are single-line. */
  env: external_exports.record(external_exports.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), external_exports.string().regex(/^[^\n\r]*$/)).default({}),
  /** WORKDIR, absolute; default `/`. */
  workingDir: external_exports.string().startsWith("/").optional(),
  /** EXPOSE: `6379` or `6379/tcp`; default none. */
  exposedPorts: external_exports.array(external_exports.string().regex(/^\d{1,5}(\/(tcp|udp|sctp))?$/)).default([])
}).strict();
var recipeAliasSchema = external_exports.object({
  description: external_exports.string().optional(),
  /** The recipe (with build.sh) whose image this name is tagged to. */
  sameAs: external_exports.string().regex(recipeNamePattern)
}).strict();
async function loadRecipe(imagesDir2, name, image) {
  const first = await readRecipeConfig(path.join(imagesDir2, name), name, image);
  if (first === void 0)
    return void 0;
  if (!("sameAs" in first))
    return loadChain(imagesDir2, name, first, image);
  const target = await readRecipeConfig(path.join(imagesDir2, first.sameAs), first.sameAs, image);
  if (target === void 0 || "sameAs" in target) {
    throw new MissingImageError(image, "bad-recipe", `Unexpected \`sameAs: ${first.sameAs}\` in images/${name}/image.json, expected the name of a recipe with its own build.sh`);
  }
  return loadChain(imagesDir2, first.sameAs, target, image);
}
async function loadChain(imagesDir2, name, config, image) {
  const chain = [];
  const hash = createHash2("sha256").update(buildFormat);
  let [current, settings] = [name, config];
  for (; ; ) {
    chain.unshift(path.join(imagesDir2, current));
    await hashFolder(hash, path.join(imagesDir2, current), current);
    const parent = settings.from;
    if (parent === void 0)
      break;
    if (chain.includes(path.join(imagesDir2, parent))) {
      throw new MissingImageError(image, "bad-recipe", `Unexpected cycle in recipe \`from\` chain at images/${parent}/, expected a chain that ends`);
    }
    const loaded = await readRecipeConfig(path.join(imagesDir2, parent), parent, image);
    if (loaded === void 0 || "sameAs" in loaded) {
      const what = loaded === void 0 ? "missing recipe" : "`sameAs` recipe";
      throw new MissingImageError(image, "bad-recipe", `Unexpected ${what} images/${parent}/ named by \`from\`, expected a folder with build.sh and image.json`);
    }
    ;
    [current, settings] = [parent, loaded];
  }
  return { name, dir: path.join(imagesDir2, name), config, chain, hash: hash.digest("hex") };
}
async function readRecipeConfig(dir, name, image) {
  const file = path.join(dir, "image.json");
  const text = await readFile(file, "utf8").catch((error2) => {
    if (error2.code === "ENOENT" || error2.code === "ENOTDIR")
      return void 0;
    throw error2;
  });
  if (text === void 0)
    return void 0;
  const where = `images/${name}/image.json`;
  let json;
  try {
    json = JSON.parse(text);
  } catch (error2) {
    throw new MissingImageError(image, "bad-recipe", `Unexpected invalid JSON in ${where}, expected an object with \`cmd\``, String(error2));
  }
  const isAlias = typeof json === "object" && json !== null && "sameAs" in json;
  const parsed = isAlias ? recipeAliasSchema.safeParse(json) : recipeConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue === void 0 ? "" : `\`${issue.path.join(".") || "(root)"}\`: ${issue.message}`;
    throw new MissingImageError(image, "bad-recipe", `Unexpected ${where}, expected valid recipe settings`, at);
  }
  return parsed.data;
}
async function hashFolder(hash, dir, name) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
  for (const file of files) {
    hash.update(`\0${name}/${file}\0`).update(await readFile(path.join(dir, file)));
  }
}
function importChanges(recipe) {
  const { config } = recipe;
  const changes = [];
  if (config.entrypoint)
    changes.push(`ENTRYPOINT ${JSON.stringify(config.entrypoint)}`);
  changes.push(`CMD ${JSON.stringify(config.cmd)}`);
  for (const [key, value] of Object.entries(config.env))
    changes.push(`ENV ${key}=${JSON.stringify(value)}`);
  if (config.workingDir !== void 0)
    changes.push(`WORKDIR ${config.workingDir}`);
  for (const port of config.exposedPorts)
    changes.push(`EXPOSE ${port}`);
  changes.push(`LABEL ${standInLabel}=${recipe.name}`, `LABEL ${recipeHashLabel}=${recipe.hash}`);
  return changes;
}

// dist/run/images/stand-in.js
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path2 from "node:path";
async function importStandIn(name, recipe, options = {}) {
  const work = await mkdtemp(path2.join(os.tmpdir(), "shellbook-stand-in-"));
  try {
    const rootfs = path2.join(work, "rootfs");
    const tarball = path2.join(work, "rootfs.tar");
    await mkdir(rootfs);
    const buildTimeoutMs = options.buildTimeoutMs ?? 6e5;
    for (const dir of recipe.chain) {
      const build2 = await $({ nothrow: true, quiet: true, verbose: false, cwd: dir, timeout: buildTimeoutMs })`bash ./build.sh ${rootfs}`;
      if (build2.exitCode !== 0) {
        const said = build2.exitCode === null ? `killed by ${build2.signal ?? "a signal"}, time limit ${buildTimeoutMs} ms` : lastLines(build2.stderr, 3) || `exit status ${build2.exitCode}`;
        throw new MissingImageError(name, "build-failed", `Unexpected failure of ${path2.basename(dir)}/build.sh for \`${name}\`, expected it to fill the rootfs`, said);
      }
    }
    const tar = await $({ nothrow: true, quiet: true, verbose: false })`tar --numeric-owner --owner=0 --group=0 -C ${rootfs} -cf ${tarball} .`;
    if (tar.exitCode !== 0) {
      throw new MissingImageError(name, "build-failed", `Unexpected failure of tar for \`${name}\`, expected a rootfs archive`, lastLines(tar.stderr, 2));
    }
    const changes = importChanges(recipe).flatMap((change) => ["--change", change]);
    const message = `shellbook stand-in built from images/${recipe.name}/`;
    const call = { timeoutMs: 3e5, engine: options.engine };
    const imported = await docker(["import", ...changes, "--message", message, tarball, name], call);
    if (imported.exitCode !== 0) {
      throw new MissingImageError(name, "build-failed", `Unexpected failure of \`docker import\` for \`${name}\`, expected an image`, dockerFailure(imported));
    }
    return imported.stdout.trim();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// dist/run/images/ensure-images.js
var defaultImagesDir = fileURLToPath(new URL("../../../images/", import.meta.url));
async function ensureImages(names, options = {}) {
  const context = createContext(options);
  const images = [];
  for (const name of new Set(names))
    images.push(await ensureImage(name, context));
  return images;
}
async function buildStandIn(name, options = {}) {
  const context = createContext(options);
  const image = parse(name);
  const recipe = await recipeFor(image, context, "");
  const present = await inspectImage(name, context);
  return build(image, recipe, "forced", context, Date.now(), present);
}
function createContext(options) {
  return {
    options,
    call: { engine: options.engine },
    canPull: options.pull ?? true,
    emit: options.onEvent ?? (() => void 0)
  };
}
async function ensureImage(name, context) {
  const started = Date.now();
  const image = parse(name);
  const present = await inspectImage(name, context);
  if (present) {
    if (present.recipe === void 0)
      return ready(name, present.id, false, "engine", context, started);
    const recipe2 = await loadRecipe(imagesDir(context), recipeNameOf(image), name);
    if (recipe2 === void 0 || present.recipe === recipe2.name && present.hash === recipe2.hash) {
      return ready(name, present.id, true, "engine", context, started);
    }
    return build(image, recipe2, "recipe-changed", context, started, present);
  }
  const pullFailure = await pull(name, context);
  if (pullFailure === void 0) {
    const pulled = await inspectImage(name, context);
    if (pulled)
      return ready(name, pulled.id, false, "pull", context, started);
  }
  const recipe = await recipeFor(image, context, pullFailure ?? "");
  return build(image, recipe, "missing", context, started);
}
function parse(name) {
  const image = parseImageName(name);
  if (image === void 0) {
    throw new MissingImageError(name, "bad-name", `Unexpected image name \`${name}\`, expected a docker image reference such as \`redis:alpine\``);
  }
  return image;
}
async function recipeFor(image, context, pullFailure) {
  const recipeName = recipeNameOf(image);
  const recipe = await loadRecipe(imagesDir(context), recipeName, image.name);
  if (recipe === void 0) {
    throw new MissingImageError(image.name, "no-recipe", context.options.pull === false ? `Unexpected missing image \`${image.name}\`, expected one the engine has or a recipe at images/${recipeName}/ (pulls are off: --pull never)` : `Unexpected missing image \`${image.name}\`, expected one the engine can pull or a recipe at images/${recipeName}/`, pullFailure);
  }
  if (image.digest !== void 0) {
    throw new MissingImageError(image.name, "bad-name", `Unexpected digest in \`${image.name}\`, expected a tag: a stand-in built from images/${recipeName}/ cannot carry a registry digest`);
  }
  return recipe;
}
async function build(image, recipe, cause, context, started, replaced) {
  const { name } = image;
  const existing = cause === "forced" ? void 0 : await findStandIn(recipe, name, context);
  if (existing !== void 0) {
    const tagged = await docker(["tag", existing, name], context.call);
    if (tagged.exitCode !== 0)
      throw new MissingImageError(name, "engine-failed", `Unexpected failure tagging \`${name}\`, expected the engine to accept the tag`, dockerFailure(tagged));
    await dropReplaced(replaced, existing, context);
    return ready(name, existing, true, "tag", context, started);
  }
  context.emit({ kind: "image-build", name, recipe: recipe.name, cause });
  const buildOptions = { ...context.call, ...context.options.buildTimeoutMs === void 0 ? {} : { buildTimeoutMs: context.options.buildTimeoutMs } };
  const id = await importStandIn(name, recipe, buildOptions);
  await dropReplaced(replaced, id, context);
  return ready(name, id, true, "recipe", context, started);
}
async function dropReplaced(replaced, id, context) {
  if (replaced?.recipe === void 0 || replaced.id === id)
    return;
  const tags = await docker(["image", "inspect", "--format", "{{len .RepoTags}}", replaced.id], context.call);
  if (tags.exitCode !== 0 || tags.stdout.trim() !== "0")
    return;
  await docker(["image", "rm", replaced.id], context.call);
}
async function findStandIn(recipe, name, context) {
  const result = await docker(["image", "ls", "--quiet", "--no-trunc", "--filter", `label=${recipeHashLabel}=${recipe.hash}`], context.call);
  if (result.exitCode !== 0)
    throw new MissingImageError(name, "engine-failed", "Unexpected failure listing images, expected the engine to answer", dockerFailure(result));
  return result.stdout.split("\n").map((line) => line.trim()).find((line) => line !== "");
}
async function pull(name, context) {
  if (!context.canPull)
    return context.options.pull === false ? "" : "not tried: an earlier pull of this build reached no registry";
  context.emit({ kind: "image-pull", name });
  const result = await docker(["pull", "--quiet", name], { ...context.call, timeoutMs: context.options.pullTimeoutMs ?? 12e4 });
  if (result.exitCode === 0)
    return void 0;
  const reason = dockerFailure(result);
  context.emit({ kind: "image-pull-failed", name, reason, durationMs: result.durationMs });
  if (result.timedOut || /no such host|dial tcp|i\/o timeout|connection refused|network is unreachable|TLS handshake/i.test(reason)) {
    context.canPull = false;
  }
  return reason;
}
var inspectSchema = external_exports.object({
  Id: external_exports.string(),
  Config: external_exports.object({ Labels: external_exports.record(external_exports.string(), external_exports.string()).nullable().optional() }).nullable().optional()
});
async function inspectImage(name, context) {
  const result = await docker(["image", "inspect", "--format", "{{json .}}", name], context.call);
  if (result.exitCode !== 0) {
    if (/no such image/i.test(result.stderr))
      return void 0;
    throw new MissingImageError(name, "engine-failed", `Unexpected failure inspecting \`${name}\`, expected the engine to answer`, dockerFailure(result));
  }
  const parsed = inspectSchema.safeParse(JSON.parse(result.stdout));
  if (!parsed.success)
    throw new MissingImageError(name, "engine-failed", `Unexpected \`docker image inspect\` output for \`${name}\`, expected an image`);
  const labels = parsed.data.Config?.Labels ?? {};
  const recipe = labels[standInLabel];
  const hash = labels[recipeHashLabel];
  return { id: parsed.data.Id, ...recipe === void 0 ? {} : { recipe }, ...hash === void 0 ? {} : { hash } };
}
function ready(name, id, standIn, source, context, started) {
  context.emit({ kind: "image-ready", name, id, standIn, source, durationMs: Date.now() - started });
  return { name, id, standIn };
}
function imagesDir(context) {
  return context.options.imagesDir ?? defaultImagesDir;
}

// dist/run/images/engine-images.js
var EngineImages = class {
  endpoint;
  options;
  pending = /* @__PURE__ */ new Map();
  /** `endpoint`: the engine (DOCKER_HOST value), undefined for the environment's. */
  constructor(endpoint, options) {
    this.endpoint = endpoint;
    this.options = options;
  }
  /** Make `names` available on this engine, in order; throws MissingImageError like ensureImages. */
  async ensure(names, pull2 = this.options.pull) {
    const images = [];
    for (const name of new Set(names))
      images.push(await this.ensureOne(name, pull2));
    return images;
  }
  ensureOne(name, pull2) {
    let pending = this.pending.get(name);
    if (!pending) {
      pending = ensureImages([name], {
        engine: this.endpoint,
        ...this.options.imagesDir === void 0 ? {} : { imagesDir: this.options.imagesDir },
        ...pull2 === void 0 ? {} : { pull: pull2 },
        ...this.options.onEvent ? { onEvent: this.options.onEvent } : {}
      }).then(([image]) => image);
      pending.catch(() => this.pending.delete(name));
      this.pending.set(name, pending);
    }
    return pending;
  }
};

// dist/run/hosts/host.js
var HostError = class extends Error {
  ruleId;
  place;
  constructor(message, ruleId, place) {
    super(message);
    this.ruleId = ruleId;
    this.place = place;
    this.name = "HostError";
  }
};

// dist/run/hosts/local-host.js
import os2 from "node:os";

// dist/run/session/options.js
import { homedir } from "node:os";
var DEFAULT_LOCAL_SHELL = ["bash", "--noprofile", "--norc", "--noediting", "-i"];
var SESSION_DEFAULTS = {
  cols: 200,
  rows: 50,
  maxOutputBytes: 1024 * 1024,
  /** Time for the shell to start and take the setup line. */
  readyTimeoutMs: 15e3,
  /** Time for the prompt to come back after one Ctrl-C. */
  interruptGraceMs: 3e3,
  /** Quiet output, with no prompt back, after a command that may open a shell (`docker exec -it box sh`): the shell is waiting. */
  nestedQuietMs: 500,
  /** Time a nested shell has to answer its setup line. */
  nestedAnswerMs: 5e3,
  /** A nested shell that has not answered is asked again after this long. */
  nestedRetryMs: 1e3,
  /** A command left running has settled once quiet this long… */
  settleQuietMs: 1500,
  /** …or once it ran this long. */
  settleMs: 5e3,
  /** Ctrl-Cs sent before a session is given up. */
  interruptAttempts: 2,
  /** Time for the shell to end after SIGHUP, before SIGKILL. */
  killGraceMs: 2e3,
  /**
   * Parent variables passed on: how the docker client reaches its engine. The shell argv is
   * often `docker exec …` itself, and lessons run `docker`, so without them a DOCKER_HOST
   * setup would break.
   */
  forwardedEnv: ["DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY"],
  /** What the lesson's shells say they are and speak, unless the lesson says otherwise. */
  exports: { TERM: "xterm-256color", LANG: "C.UTF-8" },
  /** PATH of the spawned process when the parent has none. */
  path: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
};
function ptyOptions(options) {
  const forwarded = SESSION_DEFAULTS.forwardedEnv.flatMap((name) => {
    const value = process.env[name];
    return value === void 0 ? [] : [[name, value]];
  });
  const env = {
    PATH: process.env.PATH ?? SESSION_DEFAULTS.path,
    HOME: homedir(),
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    ...Object.fromEntries(forwarded),
    ...options.env
  };
  const cols = options.cols ?? SESSION_DEFAULTS.cols;
  const rows = options.rows ?? SESSION_DEFAULTS.rows;
  const base2 = { name: env.TERM, cols, rows, env };
  return options.cwd === void 0 ? base2 : { ...base2, cwd: options.cwd };
}

// dist/run/session/framing.js
import { randomBytes } from "node:crypto";
var RS = "";
var US = "";
var SENTINEL_TAIL_MAX = 9 + 1 + 3 + 1;
var TTY_MODE = "stty -echo -icanon min 1 time 0";
var SEQ = "__shellbook_seq";
var DONE = "__shellbook_done";
var HISTORY = "__shellbook_history";
var LINE = "__shellbook_line";
function newToken() {
  return randomBytes(8).toString("hex");
}
function setupLine(token, exports = {}) {
  const ps1 = `\\\\036shellbook:${token}:\\$${SEQ}:\\$?\\\\037`;
  const promptCommand = `{ PS1='${ps1}';PS2=;unset PS0; } 2>/dev/null`;
  const exported = Object.entries(exports).map(([name, value]) => `export ${name}=${ansiCQuote(value)}`);
  return [
    ...exported,
    "set +o emacs +o vi +o history +H",
    "unset MAILCHECK TMOUT PROMPT_COMMAND PS0",
    "HISTFILE=~/.bash_history",
    `${SEQ}=0`,
    `${DONE}() { ${SEQ}=$2; return "$1"; }`,
    historyFunction(),
    `PROMPT_COMMAND="${promptCommand}"`,
    `${TTY_MODE}
`
  ].join("; ");
}
function frameCommand(command, seq) {
  return `${historyCall(command)}; { ${DONE} $? ${seq}; } 2>/dev/null
`;
}
function historyFunction() {
  const expand = `if [[ $1 != *$'\\n'* && $1 == *\\!* ]]; then ${LINE}=$(history -p -- "$1" 2>&3) || { ${LINE}="(exit $s)"; return $s; }; [[ $${LINE} == "$1" ]] || printf '%s\\n' "$${LINE}"; fi`;
  return `${HISTORY}() { local s=$?; ${LINE}=$1; ${expand}; history -s -- "$${LINE}"; return $s; }`;
}
function historyCall(command) {
  return `{ ${HISTORY} ${ansiCQuote(command)}; } 3>&2 2>/dev/null; eval "$${LINE}"`;
}
var AFTER_SYNTAX_ERROR = ":; ";
function frameCanonicalCommand(command, seq) {
  const restore = `${SEQ}_status=$?; ${TTY_MODE}; ${DONE} "$${SEQ}_status" ${seq}`;
  return `stty icanon 2>/dev/null; ${historyCall(command)}; { ${restore}; } 2>/dev/null
`;
}
function ansiCQuote(text) {
  let out = "$'";
  for (const char of text)
    out += ansiCChar(char);
  return out + "'";
}
function ansiCChar(char) {
  if (char === "\\" || char === "'")
    return `\\${char}`;
  if (char === "\n")
    return "\\n";
  const code = char.charCodeAt(0);
  if (code < 32 || code === 127)
    return `\\x${code.toString(16).padStart(2, "0")}`;
  return char;
}
function syncLine(nonce) {
  return `${TTY_MODE}; printf '\\036shellbook-sync:%s\\037' ${nonce}
`;
}
function syncMarker(nonce) {
  return `${RS}shellbook-sync:${nonce}${US}`;
}
var SentinelScanner = class {
  #prefix;
  #pending = "";
  constructor(token) {
    this.#prefix = `${RS}shellbook:${token}:`;
  }
  push(chunk) {
    const events = [];
    let buffer = this.#pending + chunk;
    for (; ; ) {
      const start = buffer.indexOf(this.#prefix);
      if (start === -1)
        break;
      const found = this.#parseStatus(buffer, start + this.#prefix.length);
      if (found === "incomplete") {
        pushText(events, buffer.slice(0, start));
        this.#pending = buffer.slice(start);
        return events;
      }
      if (found === "invalid") {
        pushText(events, buffer.slice(0, start + 1));
        buffer = buffer.slice(start + 1);
        continue;
      }
      pushText(events, buffer.slice(0, start));
      events.push({ kind: "prompt", seq: found.seq, status: found.status });
      buffer = buffer.slice(found.end);
    }
    const keep = partialPrefixLength(buffer, this.#prefix);
    pushText(events, buffer.slice(0, buffer.length - keep));
    this.#pending = buffer.slice(buffer.length - keep);
    return events;
  }
  /** Read `<seq>:<status>US` at `from`: the numbers and where the sentinel ends. */
  #parseStatus(buffer, from) {
    const rest = buffer.slice(from, from + SENTINEL_TAIL_MAX);
    const match = /^(\d{1,9}):(\d{1,3})\x1f/.exec(rest);
    if (match?.[1] !== void 0 && match[2] !== void 0) {
      return { seq: Number(match[1]), status: Number(match[2]), end: from + match[0].length };
    }
    return from + rest.length === buffer.length && /^\d{0,9}(:\d{0,3})?$/.test(rest) ? "incomplete" : "invalid";
  }
};
function pushText(events, text) {
  if (text !== "")
    events.push({ kind: "text", text });
}
function partialPrefixLength(buffer, prefix) {
  const lastRs = buffer.lastIndexOf(RS);
  if (lastRs === -1 || buffer.length - lastRs >= prefix.length)
    return 0;
  const tail2 = buffer.slice(lastRs);
  return prefix.startsWith(tail2) ? tail2.length : 0;
}

// dist/run/session/output.js
import { StringDecoder } from "node:string_decoder";
var OutputCapture = class {
  #parts = [];
  #maxBytes;
  #bytes = 0;
  #truncated = false;
  constructor(maxBytes) {
    this.#maxBytes = maxBytes;
  }
  get truncated() {
    return this.#truncated;
  }
  append(text) {
    if (this.#truncated)
      return;
    const size = Buffer.byteLength(text);
    if (this.#bytes + size <= this.#maxBytes) {
      this.#parts.push(text);
      this.#bytes += size;
      return;
    }
    const room = Buffer.from(text).subarray(0, this.#maxBytes - this.#bytes);
    this.#parts.push(new StringDecoder("utf8").write(room));
    this.#bytes = this.#maxBytes;
    this.#truncated = true;
  }
  /** The output as a terminal shows it: line ends (`\r\n`, or `\r\r\n` through a nested pty) as `\n`. */
  text() {
    return this.#parts.join("").replace(/\r+\n/g, "\n");
  }
};

// dist/run/session/session-helpers.js
var SYNTAX_ERROR_STATUS = 2;
function cellStatus(outcome, seq, ctrlCSent) {
  if (outcome === void 0)
    return null;
  if (outcome.kind === "exit" || outcome.seq === seq || ctrlCSent)
    return outcome.status;
  return SYNTAX_ERROR_STATUS;
}
async function settlesWithin(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
function excerpt2(text) {
  const plain = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/[\x00-\x09\x0b-\x1f\x7f]/g, "").trim();
  if (plain === "")
    return "(none)";
  return plain.length > 500 ? `\u2026${plain.slice(-500)}` : plain;
}
function startFailure(argv, outcome, seen) {
  const shell = `\`${argv.join(" ")}\``;
  if (outcome === void 0)
    return new Error(`Shell ${shell} was not ready within ${SESSION_DEFAULTS.readyTimeoutMs / 1e3} s, expected a bash prompt; output: ${seen}`);
  if (outcome.kind === "exit")
    return new Error(`Shell ${shell} exited with status ${outcome.status} before it was ready; output: ${seen}`);
  return new Error(`Shell ${shell} could not set the terminal mode (\`stty\` exited with ${outcome.status}); output: ${seen}`);
}

// dist/run/session/nested-shells.js
var shellProgram = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh|ksh|mksh)$/;
var interactiveShellOption = /^(?:-[ilsE]+|--login|--norc|--noprofile|--posix)$/;
function words(command) {
  return command.trim().split(/\s+/).filter(Boolean);
}
function endsWithShell(list2) {
  let end = list2.length;
  while (end > 0 && interactiveShellOption.test(list2[end - 1]))
    end--;
  return end > 0 && shellProgram.test(list2[end - 1]);
}
function opensShell(typed) {
  const chain = typed.replace(/\\\r?\n/g, " ").split(/\s*(?:&&|;)\s*/);
  if (chain.length > 1 && !/[|<>`\n]|\$\(/.test(chain.slice(0, -1).join(" ")))
    return chain.at(-1) !== "" && opensShell(chain.at(-1));
  const command = typed.replace(/\s--(?:rcfile|init-file)\s+(?:<\((?:[^()]|\([^()]*\))*\)|'[^']*'|"[^"]*"|[^\s|;&<>()]+)/g, "");
  if (command.includes("\n") || /[|;&<>`]|\$\(/.test(command))
    return false;
  const list2 = words(command).filter((word, index, all) => !(index === 0 && word === "sudo") && !(all[0] === "sudo" && index > 0 && index < 3 && /^-[EH]$/.test(word)));
  const program = list2[0] ?? "";
  if (endsWithShell(list2)) {
    if (shellProgram.test(program) && list2.length === 1)
      return true;
    if (shellProgram.test(program))
      return list2.slice(1).every((word) => interactiveShellOption.test(word));
    if (program === "docker" || program === "podman")
      return /\s-(?:it|ti|i\s+-t|t\s+-i)\b/.test(command) || /\s--interactive\b.*\s--tty\b/.test(command);
    if (["unshare", "nsenter", "chroot", "su", "ip", "env", "setsid", "runuser", "chrt", "nice", "sudo", "systemd-run"].includes(program))
      return true;
    return program === "go" && list2[1] === "run" || /^\.{1,2}\/\S+$/.test(program);
  }
  if (program === "su")
    return list2.every((word) => !word.startsWith("-c"));
  if (program === "docker" || program === "podman")
    return runsImageShell(command);
  if (command.trim() === "sudo -i" || command.trim() === "sudo -s" || /^sudo\s+su(\s+-)?(\s+\w+)?$/.test(command.trim()))
    return true;
  if (program === "unshare" || program === "nsenter")
    return list2.slice(1).every((word) => word.startsWith("-") || /^\d+$/.test(word));
  if (program === "chroot")
    return list2.length === 2;
  return false;
}
var shellImages = /^(?:[\w.-]+\/)*(?:ubuntu|debian|alpine|busybox|centos|fedora|rockylinux|almalinux|amazonlinux|archlinux|opensuse\/[\w.-]+|oraclelinux)(?::[\w.-]+)?$/;
function runsImageShell(command) {
  const words2 = simpleCommands(command)[0]?.words ?? [];
  const inside = dockerRunsInside(words2);
  return inside !== void 0 && inside.verb === "run" && inside.interactive && !inside.detached && inside.inner.length === 0 && shellImages.test(inside.target.text);
}
function leavesShell(command) {
  return /^\s*(?:exit|logout)(?:\s+\d+)?\s*;?\s*$/.test(command);
}
function replacesShell(command) {
  return /^\s*exec\s+(?:\/(?:usr\/)?bin\/)?bash(?:\s+-[il]+)?\s*$/.test(command);
}
function posixQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
function nestedSetupLine(token, seq) {
  const readlineOff = "set +o emacs 2>/dev/null; set +o vi 2>/dev/null";
  return `stty -echo 2>/dev/null; ${readlineOff}; PS1=''; PS2=''; printf '\\036shellbook:%s:%s:%s\\037' ${token} ${seq} "$?"
`;
}
function exitStatusAsked(command) {
  const asked = /\d+/.exec(command);
  return asked ? Number(asked[0]) : 0;
}
function nestedFrame(command, token, seq) {
  return `eval ${posixQuote(command)}; printf '\\036shellbook:%s:%s:%s\\037' ${token} ${seq} "$?"
`;
}

// dist/run/session/held-output.js
var MAX_PROMPT_LENGTH = 100;
var ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[P^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]/g;
var SGR = /\x1b\[[\d;]*m/g;
var PROMPT_NOISE = /\x1b\[[\d;?]*[nhlJKt]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
var PROMPT_END = /[>#$:?\]]\s*$/;
var ALT_SCREEN = /\x1b\[\?(?:1049|1047|47)([hl])/g;
var DRAWS_SCREEN = /\x1b\[\d*(?:;\d*)?[Hf]|\x1b\[[23]?J/;
function withoutEscapes(output) {
  return output.replace(ESCAPES, "");
}
function drawsScreen(output, before = false) {
  let alternate;
  for (const match of output.matchAll(ALT_SCREEN))
    alternate = match[1] === "h";
  if (alternate !== void 0)
    return alternate;
  return before || DRAWS_SCREEN.test(output);
}
function trailingPrompt(output) {
  const last = output.slice(output.lastIndexOf("\n") + 1);
  const plain = last.slice(last.lastIndexOf("\r") + 1).replace(SGR, "").replace(PROMPT_NOISE, "");
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(plain))
    return void 0;
  if (plain.length > MAX_PROMPT_LENGTH || !PROMPT_END.test(plain))
    return void 0;
  const repeated = /^(.*?\s)\1+$/.exec(plain)?.[1];
  return repeated !== void 0 && repeated.trim() !== "" ? repeated : plain;
}
function withoutLastLine(output) {
  return output.slice(0, output.lastIndexOf("\n") + 1).replace(/\n$/, "");
}
function withoutEcho(output, typed) {
  const line = typed.replace(/\r$/, "");
  if (line.trim() === "")
    return output;
  const end = output.indexOf("\n");
  const first = end === -1 ? output : output.slice(0, end);
  if (!withoutEscapes(first).replace(/\r/g, "").includes(line))
    return output;
  return end === -1 ? "" : output.slice(end + 1);
}

// dist/run/session/shell-process.js
import { readdirSync, readFileSync as readFileSync2 } from "node:fs";
import { spawn } from "node-pty";
var ShellProcess = class {
  #pty;
  #exited;
  #exitStatus;
  /** Spawn `options.shell`; `onData` gets its output, `onExit` its status (128 + signal when killed, as shells report it). */
  constructor(options, onData, onExit) {
    const [file, ...args] = options.shell;
    if (file === void 0)
      throw new Error("Unexpected empty `shell`, expected an argv such as DEFAULT_LOCAL_SHELL");
    this.#pty = spawn(file, args, ptyOptions(options));
    this.#pty.onData(onData);
    this.#exited = new Promise((resolve) => {
      this.#pty.onExit(({ exitCode, signal }) => {
        const status = signal ? 128 + signal : exitCode;
        this.#exitStatus = status;
        onExit(status);
        resolve(status);
      });
    });
  }
  /** The status the shell ended with; undefined while it runs. */
  get exitStatus() {
    return this.#exitStatus;
  }
  /** Type into the terminal; once the shell is gone there is nobody to type to. */
  write(text) {
    if (this.#exitStatus === void 0)
      this.#pty.write(text);
  }
  /**
   * SIGHUP first, as when a terminal window closes (bash passes it on to its jobs), then
   * SIGKILL; then whatever the lesson started in this terminal and that ignored the hangup
   * (`trap '' HUP`, `nohup`) is killed too, so nothing outlives the build.
   */
  async terminate() {
    if (this.#exitStatus === void 0)
      this.#pty.kill("SIGHUP");
    if (!await settlesWithin(this.#exited, SESSION_DEFAULTS.killGraceMs)) {
      this.#pty.kill("SIGKILL");
      if (!await settlesWithin(this.#exited, SESSION_DEFAULTS.killGraceMs)) {
        throw new Error(`Shell process ${this.#pty.pid} did not end after SIGKILL`);
      }
    }
    for (const pid of sessionMembers(this.#pty.pid)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
      }
    }
  }
};
function sessionMembers(sessionId) {
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  return entries.filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid).filter((entry) => {
    try {
      const stat = readFileSync2(`/proc/${entry}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]) === sessionId;
    } catch {
      return false;
    }
  }).map(Number);
}

// dist/run/session/prompt-reader.js
var QUIET_POLL_MS = 50;
var PromptReader = class {
  #scanner;
  #maxOutputBytes;
  #waiter;
  /** Output that arrived at the prompt; it opens the next command's output. */
  #idle;
  /** When output last arrived (performance.now()). */
  #lastDataAt = 0;
  #exitStatus;
  /** A command left running (a server, `top -b`): its output while nobody waits, and its prompt once it ends. */
  #held;
  constructor(scanner, maxOutputBytes) {
    this.#scanner = scanner;
    this.#maxOutputBytes = maxOutputBytes;
    this.#idle = new OutputCapture(maxOutputBytes);
  }
  /** Terminal output, as it arrives. */
  push(chunk) {
    this.#lastDataAt = performance.now();
    for (const event of this.#scanner.push(chunk)) {
      if (event.kind === "text")
        (this.#waiter?.capture ?? this.#heldCapture() ?? this.#idle).append(event.text);
      else if (this.#waiter)
        this.#waiter.settle({ kind: "prompt", seq: event.seq, status: event.status });
      else if (this.#held && this.#held.ended === void 0 && this.#held.accept({ kind: "prompt", seq: event.seq, status: event.status })) {
        this.#held.ended = { kind: "prompt", seq: event.seq, status: event.status };
      }
    }
  }
  /** The shell ended: every wait ends with its status. */
  exited(status) {
    this.#exitStatus = status;
    this.#waiter?.settle({ kind: "exit", status });
    if (this.#held && this.#held.ended === void 0)
      this.#held.ended = { kind: "exit", status };
  }
  /** A command goes on running while nobody waits: `capture` gets its output, and its prompt (`accept`ed) is kept. */
  hold(capture, accept) {
    this.#held = { capture, accept };
  }
  /** The held command's output goes to `capture` from now on (the next cell typed into it). */
  moveHeld(capture) {
    if (this.#held)
      this.#held.capture = capture;
  }
  /** Stop holding; how the held command ended, if it did. */
  release() {
    const ended = this.#held?.ended;
    this.#held = void 0;
    return ended;
  }
  /** How the held command ended, if it did, still holding. */
  get heldEnd() {
    return this.#held?.ended;
  }
  /** Output after the held command ended opens the next cell's, as at any prompt. */
  #heldCapture() {
    return this.#held && this.#held.ended === void 0 ? this.#held.capture : void 0;
  }
  /** The output kept since the last command; a fresh capture takes its place. */
  takeIdle() {
    const idle = this.#idle;
    this.#idle = new OutputCapture(this.#maxOutputBytes);
    return idle;
  }
  /** Wait for a prompt that `accept`s, the shell's exit, quiet output (with `quietMs`), or the timeout or abort (undefined). */
  wait(capture, timeoutMs, { accept = () => true, signal, quietMs } = {}) {
    if (this.#exitStatus !== void 0)
      return Promise.resolve({ kind: "exit", status: this.#exitStatus });
    const since = performance.now();
    return new Promise((resolve) => {
      const finish = (outcome) => {
        clearTimeout(timer);
        clearInterval(poll);
        signal?.removeEventListener("abort", abort);
        this.#waiter = void 0;
        resolve(outcome);
      };
      const abort = () => finish(void 0);
      const timer = setTimeout(finish, timeoutMs, void 0);
      const poll = quietMs === void 0 ? void 0 : setInterval(() => {
        if (performance.now() - Math.max(since, this.#lastDataAt) >= quietMs)
          finish("quiet");
      }, QUIET_POLL_MS);
      signal?.addEventListener("abort", abort, { once: true });
      this.#waiter = { capture, settle: (outcome) => outcome.kind === "exit" || accept(outcome) ? finish(outcome) : void 0 };
    });
  }
};

// dist/run/session/terminal-core.js
var CTRL_C_STATUS = 130;
var TerminalCore = class {
  process;
  token = newToken();
  maxOutputBytes;
  /** Reads the terminal: output to whoever waits (or kept for the next command), prompts, quiet. */
  reader;
  /** Number of the last cell sent (see frameCommand). */
  seq = 0;
  /** The last cell ended in a syntax error, so the next line needs AFTER_SYNTAX_ERROR before it. */
  afterSyntaxError = false;
  /** Ctrl-C was sent while the current cell ran. */
  ctrlCSent = false;
  /** Shells the lesson entered in this terminal (`docker exec -it box sh`), innermost last: the number of the cell that opened each. */
  nested = [];
  /** Exported in the shell at its start, and again in a shell that replaces it (`exec bash`). */
  exports;
  #unusable;
  #closing;
  constructor(options) {
    this.maxOutputBytes = options.maxOutputBytes ?? SESSION_DEFAULTS.maxOutputBytes;
    this.exports = { ...SESSION_DEFAULTS.exports, ...options.exports };
    this.reader = new PromptReader(new SentinelScanner(this.token), this.maxOutputBytes);
    this.process = new ShellProcess(options, (chunk) => this.reader.push(chunk), (status) => this.reader.exited(status));
  }
  /** True once the shell exited, was closed, or was given up after a lost timeout. */
  get closed() {
    return this.process.exitStatus !== void 0 || this.#closing !== void 0 || this.#unusable !== void 0;
  }
  /** True once the shell itself ended (`exit` at the top, a killed shell), not closed by us. */
  get exited() {
    return this.process.exitStatus !== void 0 && this.#closing === void 0;
  }
  /** Why the session was given up (Ctrl-C did not bring the prompt back), if it was. */
  get givenUp() {
    return this.#unusable;
  }
  /** How many shells deep the terminal is: 0 in the shell it started with. */
  get depth() {
    return this.nested.length;
  }
  /** End the shell (SIGHUP, then SIGKILL, and whatever it started in its terminal); idempotent. */
  close() {
    this.#closing ??= this.process.terminate();
    return this.#closing;
  }
  /** Start the shell and type the setup line; resolves when the first command can be sent. */
  async start(argv) {
    const capture = new OutputCapture(SESSION_DEFAULTS.maxOutputBytes);
    const setup = setupLine(this.token, this.exports);
    this.write(setup);
    const outcome = await this.waitForPrompt(capture, SESSION_DEFAULTS.readyTimeoutMs);
    if (outcome?.kind === "prompt" && outcome.status === 0)
      return;
    await this.close();
    throw startFailure(argv, outcome, excerpt2(capture.text().replace(setup.trimEnd(), "")));
  }
  /** A cell starts: its number, and the output that arrived at the prompt opens its own. */
  begin() {
    const capture = this.reader.takeIdle();
    this.ctrlCSent = false;
    return { capture, seq: ++this.seq, start: performance.now(), startedAt: (/* @__PURE__ */ new Date()).toISOString() };
  }
  /** The line that runs cell `seq` in the shell the terminal is in now; `canonical` for a command that may be typed into. */
  frame(command, seq, canonical = false) {
    if (this.nested.length > 0)
      return nestedFrame(command, this.token, seq);
    const lead = this.afterSyntaxError ? AFTER_SYNTAX_ERROR : "";
    this.afterSyntaxError = false;
    return lead + (canonical ? frameCanonicalCommand(command, seq) : frameCommand(command, seq));
  }
  /**
   * Which prompt ends cell `seq`. In a nested shell, only this cell's sentinel (or the top's
   * prompt as the nested shell ends) counts: a late answer to an earlier question is not its end.
   */
  endsCell(seq) {
    const opener = this.nested[0];
    return (found) => this.nested.length === 0 || found.kind === "prompt" && (found.seq === seq || found.seq === opener);
  }
  /**
   * Wait for cell `seq` to give its prompt back (unless `first` is that prompt, already seen);
   * on timeout or abort, Ctrl-C until the shell is back.
   */
  async awaitCell(cell, { timeoutMs, signal }, first) {
    const { capture, seq, start } = cell;
    let outcome = first ?? await this.waitForPrompt(capture, Math.max(0, timeoutMs - (performance.now() - start)), { signal, accept: this.endsCell(seq) });
    const aborted = outcome === void 0 && signal?.aborted === true;
    const timedOut = outcome === void 0 && !aborted;
    if (aborted)
      outcome = await this.recover(capture, "the build was interrupted");
    else if (timedOut)
      outcome = await this.recover(capture, `a command timed out after ${timeoutMs} ms`);
    if (outcome?.kind === "prompt" && this.nested.length === 1 && outcome.seq === this.nested[0] && outcome.seq !== seq) {
      this.nestedEnded();
      outcome = { kind: "prompt", seq, status: outcome.status };
    }
    return this.result(cell, outcome, timedOut);
  }
  /** The only nested shell ended on its own (`exit` inside a script, the container stopped). */
  nestedEnded() {
    this.nested.pop();
  }
  result({ capture, seq, start, startedAt }, outcome, timedOut) {
    if (outcome?.kind === "prompt" && outcome.seq !== seq && !this.ctrlCSent && this.nested.length === 0)
      this.afterSyntaxError = true;
    return {
      output: capture.text(),
      exitCode: cellStatus(outcome, seq, this.ctrlCSent),
      startedAt,
      durationMs: Math.round(performance.now() - start),
      timedOut,
      truncated: capture.truncated
    };
  }
  /**
   * Ask the nested shell the terminal is in to print a sentinel; true when it does in time.
   * Asked again each second: a line typed while a program was still ending (`docker exec`
   * going back to the shell below) can be swallowed by it.
   */
  async answer(capture, timeoutMs, line = (seq) => nestedFrame(":", this.token, seq)) {
    const until = performance.now() + timeoutMs;
    const asked = [];
    while (performance.now() < until) {
      const seq = ++this.seq;
      asked.push(seq);
      this.write(line(seq));
      const wait = Math.min(SESSION_DEFAULTS.nestedRetryMs, until - performance.now());
      const outcome = await this.waitForPrompt(capture, wait, { accept: (found) => found.kind === "prompt" && asked.includes(found.seq) });
      if (outcome?.kind === "prompt")
        return true;
      if (outcome?.kind === "exit")
        return false;
    }
    return false;
  }
  /** Ctrl-C until the prompt is back (then sync); give the session up after the last try. */
  async recover(capture, why) {
    for (let attempt = 0; attempt < SESSION_DEFAULTS.interruptAttempts; attempt++) {
      this.sendCtrlC();
      if (this.nested.length > 0) {
        const answer = await this.answer(capture, SESSION_DEFAULTS.interruptGraceMs);
        if (answer)
          return { kind: "prompt", seq: -1, status: CTRL_C_STATUS };
        continue;
      }
      const outcome = await this.waitForPrompt(capture, SESSION_DEFAULTS.interruptGraceMs);
      if (outcome?.kind === "exit")
        return outcome;
      if (outcome && await this.sync())
        return outcome;
    }
    const waited = SESSION_DEFAULTS.interruptAttempts * SESSION_DEFAULTS.interruptGraceMs / 1e3;
    this.#unusable = `${why}, and ${SESSION_DEFAULTS.interruptAttempts} Ctrl-C over ${waited} s did not bring back the prompt`;
    await this.close();
    return void 0;
  }
  /** Skip stray prompts (of extra Ctrl-Cs, of keys a program left for the shell), so the next command does not take one for its own. */
  async sync() {
    const nonce = newToken();
    const capture = new OutputCapture(this.maxOutputBytes);
    this.write(syncLine(nonce));
    const marker = syncMarker(nonce);
    const outcome = await this.waitForPrompt(capture, SESSION_DEFAULTS.interruptGraceMs, { accept: () => capture.text().includes(marker) });
    return outcome?.kind === "prompt";
  }
  /** Wait for a prompt that `accept`s (default: any), the shell's exit, or the timeout or abort (undefined). */
  waitForPrompt(capture, timeoutMs, options = {}) {
    return this.reader.wait(capture, timeoutMs, options);
  }
  /** As waitForPrompt; with `quietMs`, also ends ('quiet') once no output came for that long. */
  wait(capture, timeoutMs, options) {
    return this.reader.wait(capture, timeoutMs, options);
  }
  write(text) {
    this.process.write(text);
  }
  sendCtrlC() {
    this.ctrlCSent = true;
    this.write("");
  }
  assertUsable(action) {
    if (this.#unusable !== void 0)
      throw new Error(`Cannot ${action}: the session was given up (${this.#unusable})`);
    if (this.process.exitStatus !== void 0)
      throw new Error(`Cannot ${action}: the shell exited with status ${this.process.exitStatus}`);
    if (this.#closing !== void 0)
      throw new Error(`Cannot ${action}: the session is closed`);
  }
};

// dist/run/session/session.js
var ShellSession = class _ShellSession extends TerminalCore {
  #running;
  /** The prompt a reader sees inside each nested shell (`/ # `), innermost last; '' when none was seen. */
  #nestedPrompts = [];
  #held;
  constructor(options) {
    super(options);
  }
  /** Start the shell and type the setup line; resolves when the first command can be sent. */
  static async open(options) {
    const session = new _ShellSession(options);
    await session.start(options.shell);
    return session;
  }
  /**
   * Run one cell; on timeout send Ctrl-C and report `timedOut`. Aborting `signal` stops the
   * command the same way (Ctrl-C until the prompt is back) without `timedOut`; a signal
   * already aborted sends nothing and gives `exitCode: null`. With `settle`, a command still
   * running once settled is left running (`leftRunning: 'still-running'`) and the terminal is
   * `busy` until it is released. One command at a time.
   */
  async run(command, options) {
    this.assertUsable("run a command");
    if (this.#held)
      throw new Error("Unexpected run() while a command is left running, expected release() or type() first");
    const prompt = this.#nestedPrompts.at(-1);
    return this.#exclusive(async () => {
      const result = await this.#dispatch(command, options);
      return prompt ? { ...result, prompt } : result;
    });
  }
  /** A command is left running in the terminal (it may have ended since: see release). */
  get busy() {
    return this.#held !== void 0;
  }
  /** What runs is a full-screen program, or waits at a prompt of its own: what the lesson types next is for it. */
  get busyReadsInput() {
    if (!this.#held || this.reader.heldEnd)
      return false;
    const output = this.#held.capture.text();
    return drawsScreen(output, this.#held.screen) || trailingPrompt(output) !== void 0;
  }
  /** The prompt the command left running waits at (`New password: `), if it waits at one. */
  get heldPrompt() {
    if (!this.#held || this.reader.heldEnd)
      return void 0;
    return trailingPrompt(this.#held.capture.text());
  }
  /** The command left running as it is now, still running. */
  snapshot() {
    return this.#held && this.#heldResult(this.#held, void 0, "still-running");
  }
  /**
   * Come back to the command left running: its whole output and how it ended. `ctrl-c` stops
   * it (Ctrl-C until the prompt is back); `wait` waits up to `timeoutMs` for it to end and
   * gives undefined (still busy) if it did not. A command that ended by itself is `ended`.
   */
  async release(how, { timeoutMs, signal }) {
    this.assertUsable("come back to a command left running");
    const held = this.#held;
    if (!held)
      return void 0;
    return this.#exclusive(async () => {
      let outcome = this.reader.release();
      let ended = "ended";
      if (!outcome && how === "wait") {
        outcome = await this.waitForPrompt(held.capture, timeoutMs, { signal, accept: this.endsCell(held.seq) });
        if (!outcome) {
          this.reader.hold(held.capture, this.endsCell(held.seq));
          return void 0;
        }
      } else if (!outcome) {
        ended = "ctrl-c";
        outcome = await this.recover(held.capture, `\`interrupt\` was asked for a command left running`);
      }
      this.#held = void 0;
      return this.#heldResult(held, outcome, ended);
    });
  }
  /**
   * Type `text` into the command left running (keys for `top`, `vi`, a line for a REPL or a
   * password prompt). What it printed so far is `previous` (left with these keys); what it
   * prints next is this cell's, until it ends or settles again (then it is still held).
   */
  async type(text, { timeoutMs, signal, settle }) {
    this.assertUsable("type into a command left running");
    const held = this.#held;
    if (!held || this.reader.heldEnd)
      return void 0;
    return this.#exclusive(async () => {
      const before = held.capture.text();
      const screen = drawsScreen(before, held.screen);
      const prompt = screen ? void 0 : trailingPrompt(before);
      const previous = { ...this.#heldResult(held, void 0, "keys"), ...prompt === void 0 ? {} : { output: withoutLastLine(withoutEcho(before, held.typed)) } };
      const cell = { capture: new OutputCapture(this.maxOutputBytes), seq: held.seq, start: performance.now(), startedAt: (/* @__PURE__ */ new Date()).toISOString(), typed: screen ? "" : text, screen };
      this.reader.moveHeld(cell.capture);
      this.ctrlCSent = false;
      this.write(text);
      const bound = Math.min(settle?.settleMs ?? timeoutMs, timeoutMs);
      const first = await this.wait(cell.capture, bound, { signal, quietMs: settle?.quietMs ?? SESSION_DEFAULTS.nestedQuietMs, accept: this.endsCell(held.seq) });
      let current;
      if (first !== void 0 && first !== "quiet") {
        this.reader.release();
        this.#held = void 0;
        current = this.#heldResult(cell, first, void 0);
        if (this.nested.length === 0)
          await this.sync();
      } else if (signal?.aborted) {
        this.reader.release();
        this.#held = void 0;
        current = this.#heldResult(cell, await this.recover(cell.capture, "the build was interrupted"), void 0);
      } else {
        this.#held = cell;
        current = this.#heldResult(cell, void 0, "still-running");
      }
      return { previous, current: prompt === void 0 ? current : { ...current, prompt } };
    });
  }
  /** Send Ctrl-C and wait for the prompt (Katacoda `{{execute interrupt}}` with nothing left running). */
  async interrupt() {
    this.assertUsable("interrupt");
    if (this.#running) {
      this.sendCtrlC();
      await this.#running;
      return;
    }
    if (this.#held) {
      await this.release("ctrl-c", { timeoutMs: 0 });
      return;
    }
    const done = await this.#exclusive(() => this.recover(new OutputCapture(this.maxOutputBytes), "interrupt requested"));
    if (done === void 0)
      this.assertUsable("interrupt");
  }
  nestedEnded() {
    super.nestedEnded();
    this.#nestedPrompts.pop();
  }
  /** One thing at a time talks to the terminal. */
  async #exclusive(work) {
    if (this.#running)
      throw new Error("Unexpected use of the terminal while a command is still running, expected one command at a time");
    const running = work();
    this.#running = running;
    try {
      return await running;
    } finally {
      this.#running = void 0;
    }
  }
  #heldResult(held, outcome, leftRunning) {
    const typed = "typed" in held ? held.typed : "";
    const result = {
      output: withoutEcho(held.capture.text(), typed),
      exitCode: outcome === void 0 ? null : cellStatus(outcome, held.seq, this.ctrlCSent),
      startedAt: held.startedAt,
      durationMs: Math.round(performance.now() - held.start),
      timedOut: false,
      truncated: held.capture.truncated
    };
    return leftRunning === void 0 ? result : { ...result, leftRunning };
  }
  /** Shells inside the terminal: entering, leaving and replacing one are told apart from other commands. */
  #dispatch(command, options) {
    if (this.nested.length > 0 && leavesShell(command))
      return this.#leaveNested(command, options);
    if (this.nested.length === 0 && replacesShell(command))
      return this.#replaceShell(command, options);
    if (opensShell(command))
      return this.#enterNested(command, options);
    return this.#runFramed(command, options);
  }
  async #runFramed(command, { timeoutMs, signal, settle }) {
    if (signal?.aborted)
      return { output: "", exitCode: null, startedAt: (/* @__PURE__ */ new Date()).toISOString(), durationMs: 0, timedOut: false, truncated: false };
    const cell = this.begin();
    this.write(this.frame(command, cell.seq, settle !== void 0));
    if (!settle)
      return this.awaitCell(cell, { timeoutMs, signal });
    const first = await this.wait(cell.capture, Math.min(settle.settleMs, timeoutMs), { signal, quietMs: settle.quietMs, accept: this.endsCell(cell.seq) });
    if (first !== "quiet" && (first !== void 0 || signal?.aborted))
      return this.awaitCell(cell, { timeoutMs: 0, signal }, first);
    this.#held = { ...cell, typed: "", screen: false };
    this.reader.hold(cell.capture, this.endsCell(cell.seq));
    return this.#heldResult(this.#held, void 0, "still-running");
  }
  /**
   * A command that likely opens a shell: once its output is quiet with no prompt back, the
   * shell waiting inside is set up and must answer; the terminal then types into it. A command
   * that was no shell after all ends or times out as any other.
   */
  async #enterNested(command, { timeoutMs, signal }) {
    const cell = this.begin();
    this.write(this.frame(command, cell.seq));
    const first = await this.wait(cell.capture, timeoutMs, { signal, quietMs: SESSION_DEFAULTS.nestedQuietMs, accept: this.endsCell(cell.seq) });
    if (first !== "quiet")
      return this.awaitCell(cell, { timeoutMs: 0, signal }, first);
    const setup = new OutputCapture(this.maxOutputBytes);
    if (await this.answer(setup, SESSION_DEFAULTS.nestedAnswerMs, (answerSeq) => nestedSetupLine(this.token, answerSeq))) {
      this.nested.push(cell.seq);
      const output = cell.capture.text();
      const prompt = trailingPrompt(output);
      this.#nestedPrompts.push(prompt ?? "");
      const result = this.result(cell, { kind: "prompt", seq: cell.seq, status: 0 }, false);
      return prompt === void 0 ? result : { ...result, output: withoutLastLine(output) };
    }
    return this.awaitCell(cell, { timeoutMs, signal });
  }
  /** `exit` in a nested shell: back to the one below, which must answer (the top one with its own prompt). */
  async #leaveNested(command, { timeoutMs, signal }) {
    const cell = this.begin();
    const opener = this.nested.pop();
    const prompt = this.#nestedPrompts.pop();
    this.write(`${command.trim()}
`);
    let outcome;
    if (this.nested.length === 0) {
      outcome = await this.waitForPrompt(cell.capture, timeoutMs, { signal, accept: (found) => found.kind === "prompt" && found.seq === opener });
      if (outcome?.kind === "prompt")
        outcome = { kind: "prompt", seq: cell.seq, status: exitStatusAsked(command) };
    } else if (await this.answer(cell.capture, timeoutMs)) {
      outcome = { kind: "prompt", seq: cell.seq, status: exitStatusAsked(command) };
    }
    if (outcome)
      return this.result(cell, outcome, false);
    this.nested.push(opener);
    this.#nestedPrompts.push(prompt ?? "");
    return this.awaitCell(cell, { timeoutMs: 0, signal });
  }
  /** `exec bash`: the top shell is replaced; the new one is set up as the first was, and the terminal goes on. */
  async #replaceShell(command, { timeoutMs, signal }) {
    const cell = this.begin();
    this.write(frameCommand(command, cell.seq));
    const first = await this.wait(cell.capture, timeoutMs, { signal, quietMs: SESSION_DEFAULTS.nestedQuietMs });
    if (first !== "quiet")
      return this.awaitCell(cell, { timeoutMs: 0, signal }, first);
    const setup = new OutputCapture(this.maxOutputBytes);
    this.write(setupLine(this.token, this.exports));
    const ready2 = await this.waitForPrompt(setup, SESSION_DEFAULTS.readyTimeoutMs, { signal });
    if (ready2?.kind === "prompt")
      return this.result(cell, { kind: "prompt", seq: cell.seq, status: ready2.status }, false);
    return this.awaitCell(cell, { timeoutMs: 0, signal }, ready2);
  }
};

// dist/run/hosts/local-host.js
function createLocalHost(plan, options = {}) {
  const call = { engine: options.engine };
  let existing = /* @__PURE__ */ new Set();
  return {
    kind: "local",
    // Through a plain `sh` that stays its parent: `/proc/$PPID/environ` then shows that sh's
    // clean environment, not the build process's.
    shell: ["sh", "-c", '"$@"; exit $?', "sh", ...DEFAULT_LOCAL_SHELL],
    // Nothing of the build: a standard PATH, the user's home as working directory.
    env: { PATH: SESSION_DEFAULTS.path, ...options.engine === void 0 ? {} : { DOCKER_HOST: options.engine } },
    cwd: os2.homedir(),
    async start() {
      warnOfHostname(plan);
      existing = new Set(await containerIds(call));
      for (const cell of plan.cells) {
        for (const name of containersCreatedBy(cell.command)) {
          if (!await containerExists(name, call))
            continue;
          throw new HostError(`Unexpected existing container \`${name}\` on this machine's engine, expected none: the lesson creates it here; remove it with \`docker rm -f ${name}\``, "container-exists", cell.position.start);
        }
      }
    },
    async stop() {
      const sandboxes = new Set(await containerIds(call, ["--filter", `label=${LABELS.build}`]));
      const created = (await containerIds(call)).filter((id) => !existing.has(id) && !sandboxes.has(id));
      if (created.length > 0)
        await docker(["rm", "-f", "-v", ...created], call);
    }
  };
}
function warnOfHostname(plan) {
  const { hostname: hostname2 } = plan.config;
  const file = plan.configFile;
  if (hostname2 === void 0 || file.messages.some((message) => message.ruleId === "hostname-ignored"))
    return;
  warning(file, `Unexpected \`hostname: ${hostname2}\` on the local host, expected a sandbox host: the local host cannot rename this machine, so commands print \`${os2.hostname()}\``, pointOfText(file, "hostname:"), "hostname-ignored");
}
async function containerIds(call, filters = []) {
  const result = await docker(["ps", "-a", "-q", "--no-trunc", ...filters], call);
  return result.stdout.split("\n").filter(Boolean);
}
async function containerExists(name, call) {
  const result = await docker(["ps", "-a", "-q", "--filter", `name=^/${name}$`], call);
  return result.stdout.trim() !== "";
}

// dist/run/hosts/sandbox-run.js
import { randomBytes as randomBytes2 } from "node:crypto";
var LESSON_HOST_IMAGE = "shellbook/lesson-host:3";
var DEFAULT_HOSTNAME = "host01";
var INNER_SOCKET = "/var/run/docker.sock";
function sandboxName(slug, owner) {
  const safe = slug.toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").slice(0, 40);
  return `shellbook-${safe}-${owner.buildId.slice(0, 6)}-${randomBytes2(3).toString("hex")}`;
}
function sandboxRunArgs(input) {
  const hostname2 = input.hostname ?? DEFAULT_HOSTNAME;
  return [
    "run",
    "--detach",
    "--pull",
    "never",
    "--name",
    input.name,
    ...labelArgs(input.owner, input.slug),
    // Stable, so captures of `hostname` or a prompt do not change from run to run. Resolvable as
    // on a Debian machine (127.0.1.1): with `--network none` docker does not add it to /etc/hosts,
    // and `sudo` then says "unable to resolve host".
    "--hostname",
    hostname2,
    "--add-host",
    `${hostname2}:127.0.1.1`,
    // An init reaps the orphans lessons leave (`docker exec … &`, killed shells).
    "--init",
    "--network",
    input.network ?? "none",
    // --privileged fails here ("unable to apply caps"): the machine withholds CAP_SYS_RESOURCE.
    "--cap-add",
    "ALL",
    "--cap-drop",
    "SYS_RESOURCE",
    "--security-opt",
    "seccomp=unconfined",
    "--security-opt",
    "apparmor=unconfined",
    "--security-opt",
    "systempaths=unconfined",
    // exec: docker's tmpfs default is noexec, and lessons run what they write to /tmp (`go run`, scripts).
    "--tmpfs",
    "/run",
    "--tmpfs",
    "/tmp:rw,exec,nosuid,nodev",
    // Its own cgroup namespace, not the host's /sys/fs/cgroup bound in: inner containers' cgroups
    // then nest under the sandbox's (removed with it; bound in, they stayed behind in the host's
    // tree) and read `/docker/<id>` as on a real host. WAIT_AND_LOAD makes the mounts writable.
    "--cgroupns",
    "private",
    // A volume, not the container's own layer: overlay on overlay fails. Named and labelled (created first).
    "--mount",
    `type=volume,src=${input.name},dst=/var/lib/docker`,
    // A terminal as the local host has one; `docker exec -t` would say TERM=xterm.
    "--env",
    "TERM=xterm-256color",
    "--workdir",
    "/root",
    input.image
  ];
}
var WAIT_AND_LOAD = `set -e
for m in $(awk '$3 ~ /^cgroup/ { print $2 }' /proc/self/mounts); do
  mount -o remount,bind,rw "$m" || { echo "cannot make $m writable" >&2; exit 5; }
done
i=0
until [ -S ${INNER_SOCKET} ]; do
  i=$((i + 1))
  if [ "$i" -ge 3000 ]; then echo "no ${INNER_SOCKET} after 30 s" >&2; exit 3; fi
  sleep 0.01
done
engine=$(docker info --format '{"engineVersion":{{json .ServerVersion}},"kernel":{{json .KernelVersion}},"os":{{json .OperatingSystem}}}')
echo "engine-ready $(date +%s%3N) $engine" >&2
if [ "\${1-}" = load ]; then exec docker load --quiet; fi
`;
var MIRROR_ADDRESS = "127.0.0.1:5000";
var SERVE_PULLS = `set -e
docker-registry serve /etc/docker/registry/config.yml >/var/log/docker-registry.log 2>&1 &
i=0
until curl -fsS -o /dev/null http://${MIRROR_ADDRESS}/v2/; do
  i=$((i + 1))
  if [ "$i" -ge 400 ]; then echo "the sandbox's registry did not answer in 20 s:" >&2; tail -5 /var/log/docker-registry.log >&2; exit 4; fi
  sleep 0.05
done
while [ $# -ge 2 ]; do
  docker tag "$1" "$2"
  docker push --quiet "$2" >/dev/null
  docker rmi "$2" >/dev/null
  shift 2
done
`;
function mirrorRef(image) {
  if (image.includes("@"))
    return void 0;
  const parts = image.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "").split("/");
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]))
    return void 0;
  const path3 = parts.length === 1 ? ["library", ...parts] : parts;
  const last = path3.at(-1);
  if (!last.includes(":"))
    path3[path3.length - 1] = `${last}:latest`;
  return `${MIRROR_ADDRESS}/${path3.join("/")}`;
}

// dist/run/hosts/sandbox-host.js
var defaultReadyTimeoutMs = 12e4;
function createSandboxHost(plan, options) {
  const name = sandboxName(plan.slug, options.owner);
  const call = { engine: options.engine };
  const network = options.network === true ? name : void 0;
  const image = options.image ?? LESSON_HOST_IMAGE;
  const labels = labelArgs(options.owner, plan.slug);
  let engine;
  const host = {
    kind: "sandbox",
    name,
    shell: ["docker", ...options.engine === void 0 ? [] : ["-H", options.engine], "exec", "-it", name, ...DEFAULT_LOCAL_SHELL],
    async start() {
      const started = Date.now();
      try {
        const created = await Promise.all([
          docker(["volume", "create", ...labels, name], call),
          network === void 0 ? void 0 : docker(["network", "create", ...labels, network], call)
        ]);
        for (const result of created) {
          if (result !== void 0 && result.exitCode !== 0)
            fail(`Unexpected failure creating the sandbox's ${result.args[0]} \`${name}\` (${dockerFailure(result)}), expected the engine to create it`, "sandbox-create");
        }
        const createdAt = Date.now();
        const run = await docker(sandboxRunArgs({ name, slug: plan.slug, owner: options.owner, image, hostname: options.hostname, network }), call);
        if (run.exitCode !== 0)
          fail(runFailure(run, image), "sandbox-run");
        const ranAt = Date.now();
        const readyTimeoutMs = options.readyTimeoutMs ?? defaultReadyTimeoutMs;
        const ready2 = await waitAndLoad(name, options.images, readyTimeoutMs, call, options.engine);
        if (ready2.exitCode !== 0 || ready2.engine === void 0)
          fail(await readyFailure(name, ready2, readyTimeoutMs, options.images, call), "sandbox-engine");
        if (options.servePulls === true)
          await servePulls(name, options.images, readyTimeoutMs, call);
        const readyAt = Date.now();
        const engineAt = Math.min(Math.max(ready2.engine.at, ranAt), readyAt);
        host.timings = { create: createdAt - started, run: ranAt - createdAt, engine: engineAt - ranAt, images: readyAt - engineAt };
        host.readyMs = readyAt - started;
        engine = ready2.engine.describe;
      } catch (error2) {
        await host.stop();
        throw error2;
      }
    },
    async stop() {
      try {
        await docker(["rm", "--force", "--volumes", name], call);
        await Promise.all([
          docker(["volume", "rm", "--force", name], call),
          network === void 0 ? void 0 : docker(["network", "rm", network], call)
        ]);
      } catch {
      }
    },
    async describeEngine() {
      if (engine === void 0)
        fail(`Unexpected describeEngine() on sandbox \`${name}\` before it started, expected start() first`, "sandbox-engine");
      return engine;
    }
  };
  return host;
}
var engineSchema = external_exports.object({ engineVersion: external_exports.string().min(1), kernel: external_exports.string(), os: external_exports.string() });
async function servePulls(name, images, timeoutMs, call) {
  const pairs = images.flatMap((image) => {
    const ref = mirrorRef(image);
    return ref === void 0 ? [] : [image, ref];
  });
  const result = await docker(["exec", name, "sh", "-c", SERVE_PULLS, "sh", ...pairs], { ...call, timeoutMs });
  if (result.exitCode !== 0)
    fail(`Unexpected failure serving \`${images.join(" ")}\` from sandbox \`${name}\`'s own registry (${dockerFailure(result)}), expected \`docker push\` to ${MIRROR_ADDRESS} to work`, "sandbox-engine");
}
async function waitAndLoad(name, images, timeoutMs, call, engine) {
  if (images.length === 0) {
    const result = await docker(["exec", name, "sh", "-c", WAIT_AND_LOAD, "sh"], { ...call, timeoutMs });
    return { exitCode: result.exitCode, stderr: result.stderr, timedOut: result.timedOut, engine: engineReady(result.stderr) };
  }
  const env = engine === void 0 ? process.env : { ...process.env, DOCKER_HOST: engine };
  const output = await $({ nothrow: true, quiet: true, verbose: false, env, timeout: timeoutMs, prefix: "set -euo pipefail;" })`docker save ${[...images]} | docker exec -i ${name} sh -c ${WAIT_AND_LOAD} sh load`;
  const timedOut = output.signal !== null && output.exitCode === null;
  return { exitCode: output.exitCode, stderr: output.stderr, timedOut, engine: engineReady(output.stderr) };
}
function engineReady(stderr) {
  const match = /^engine-ready (\d+) (.*)$/m.exec(stderr);
  const parsed = engineSchema.safeParse(parseJson2(match?.[2] ?? ""));
  return match === null || !parsed.success ? void 0 : { at: Number(match[1]), describe: parsed.data };
}
function runFailure(run, image) {
  const said = dockerFailure(run);
  if (/no such image/i.test(said)) {
    const how = image === LESSON_HOST_IMAGE ? "shellbook hosts build" : `shellbook images ${image}`;
    return `Unexpected missing image \`${image}\` on the engine, expected the sandbox host's image: build it with \`${how}\``;
  }
  return `Unexpected failure starting the sandbox container (${said}), expected \`docker run\` to start \`${image}\``;
}
async function readyFailure(name, ready2, timeoutMs, images, call) {
  const said = ready2.timedOut ? `timed out after ${timeoutMs} ms` : lastLines(ready2.stderr.replace(/^engine-ready .*$/m, ""), 2) || `exit status ${ready2.exitCode ?? "unknown"}`;
  if (ready2.engine === void 0) {
    const logs = await docker(["logs", "--tail", "3", name], call);
    const inner = lastLines(logs.stdout + logs.stderr, 3);
    return `Unexpected failure of sandbox \`${name}\` (${said}${inner === "" ? "" : `; its dockerd said: ${inner}`}), expected the engine inside the sandbox to answer`;
  }
  const present = await Promise.all(images.map(async (image) => (await docker(["image", "inspect", "--format", "{{.Id}}", image], call)).exitCode === 0));
  const missing = images.filter((_, index) => !present[index]);
  if (missing.length > 0) {
    return `Unexpected missing image \`${missing.join(" ")}\` on the engine, expected the lesson's images there to load into sandbox \`${name}\`: make them with \`shellbook images ${missing.join(" ")}\``;
  }
  return `Unexpected failure loading \`${images.join(" ")}\` into sandbox \`${name}\` (${said}), expected \`docker save | docker load\` to copy them`;
}
function fail(message, ruleId) {
  throw new HostError(message, ruleId);
}
function parseJson2(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}

// dist/run/run-lesson.js
import { stripVTControlCharacters as stripVTControlCharacters3 } from "node:util";

// dist/run/command-text.js
function resolveCell(cell, vars) {
  const fill = (text) => cell.options.norun ? text : fillPlaceholders(text, (name) => Object.hasOwn(vars, name) ? quoteWord(vars[name]) : void 0);
  const command = fill(cell.command);
  const resolved = { command, line: command };
  const cwd = cell.cwd === void 0 ? void 0 : fill(cell.cwd);
  const container = cell.options.in === void 0 ? void 0 : fill(cell.options.in);
  if (cwd !== void 0)
    resolved.cwd = cwd;
  if (container !== void 0) {
    resolved.in = container;
    const workdir = cwd === void 0 ? [] : ["-w", cwd];
    const argv = /^[\w@%+=:,./ -]+$/.test(command) ? command.trim().split(/\s+/) : ["sh", "-c", command];
    resolved.line = ["docker", "exec", "-it", ...workdir, container, ...argv].map(quoteWord).join(" ");
  } else if (cwd !== void 0) {
    resolved.line = `cd ${quoteDirectory(cwd)} && ${command}`;
  }
  return resolved;
}
function resolveExpression(expression, vars) {
  return fillPlaceholders(expression, (name) => Object.hasOwn(vars, name) ? quoteWord(vars[name]) : void 0);
}
function quoteWord(value) {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : quote(value);
}
function quoteDirectory(directory) {
  if (directory === "~")
    return "~";
  if (directory.startsWith("~/"))
    return `~/${quoteWord(directory.slice(2))}`;
  return quoteWord(directory);
}

// dist/run/network-hint.js
import { stripVTControlCharacters } from "node:util";
var unresolvedName = [
  /Temporary failure resolving '([^']+)'/g,
  // apt
  /Could not resolve '([^']+)'/g,
  // older apt
  /Could not resolve host: ([^\s'"]+)/g,
  // curl, git
  /unable to resolve host address [‘'"]([^’'"]+)/g,
  // GNU wget
  /bad address '([^']+)'/g,
  // busybox wget, ping, nslookup
  /getaddrinfo (?:EAI_AGAIN|ENOTFOUND) (\S+)/g,
  // node, npm
  /dial tcp: lookup ([^\s:]+)/g,
  // docker and other Go programs
  /^[\w.-]+: ([^\s:]+): (?:Temporary failure in name resolution|Name or service not known)/gm,
  // iputils ping
  /^(?:WARNING|ERROR): .*?https?:\/\/([^/\s:]+)\S*: (?:temporary error \(try again later\)|DNS lookup error)/gm
  // apk (real alpine)
];
var registryRequest = /Get "https?:\/\/[^"\s]+\/v[12]\/|Unable to find image/;
function recogniseNetworkFailure(command, output) {
  const text = stripVTControlCharacters(output).replace(/\r/g, "\n");
  const evidence = evidenceIn(command, text);
  if (evidence === void 0)
    return void 0;
  const registry = registryRequest.test(text);
  return { evidence: evidence.words, registry, image: registry ? imageOf(command, text) : void 0, noPackageLists: evidence.noPackageLists };
}
function networkHint(command, output) {
  const failure = recogniseNetworkFailure(command, output);
  if (failure === void 0)
    return void 0;
  const give = "give the host one with `network: true` in lesson.yaml";
  if (failure.image !== void 0) {
    return `the lesson host has no outside network to pull \`${failure.image}\` (${failure.evidence}): list it under \`images\` in lesson.yaml, so it is preloaded (or built offline as a stand-in), or ${give}`;
  }
  if (failure.registry)
    return `the lesson host has no outside network to reach a registry (${failure.evidence}): ${give}`;
  const update = failure.noPackageLists ? ", and run `apt-get update` before installing" : "";
  return `the lesson host has no outside network (${failure.evidence}): ${give}${update}`;
}
function reportNoNetwork(file, place, failed, options = {}) {
  const hint = networkHint(failed.command, failed.output);
  if (hint === void 0)
    return false;
  const reason = `Unexpected exit status ${failed.exitCode ?? "unknown"} from \`${excerpt(failed.command)}\`, expected ${failed.expectedExit}: ${hint}`;
  error(file, reason, place, "no-network", options);
  return true;
}
function evidenceIn(command, text) {
  const names = unresolvedName.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
  const outside = names.find(isOutsideHost);
  if (outside !== void 0)
    return { words: `\`${outside}\` did not resolve`, noPackageLists: false };
  if (names.length > 0)
    return void 0;
  if (/Temporary failure in name resolution/.test(text))
    return { words: "a host name did not resolve", noPackageLists: false };
  if (/network is unreachable/i.test(text))
    return { words: "the network is unreachable", noPackageLists: false };
  const refused = /Failed to connect to (\S+) port \d+/.exec(text)?.[1];
  if (refused !== void 0 && isOutsideHost(refused))
    return { words: `\`${refused}\` could not be reached`, noPackageLists: false };
  if (/\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/.test(command) && /Unable to locate package|has no installation candidate/.test(text)) {
    return { words: "apt has no package lists to install from", noPackageLists: true };
  }
  return void 0;
}
function imageOf(command, text) {
  const named = /Unable to find image '([^']+)' locally/.exec(text)?.[1] ?? /Step \d+\/\d+ : FROM (\S+)/i.exec(text)?.[1];
  if (named !== void 0)
    return named;
  return /\bdocker\s+(?:image\s+)?pull\s+(?:-\S+\s+)*([^\s;&|-][^\s;&|]*)/.exec(command)?.[1];
}
function isOutsideHost(host) {
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (ipv4 !== null) {
    const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
    const inside = a === 0 || a === 10 || a === 127 || a === 169 && b === 254 || a === 172 && b >= 16 && b <= 31 || a === 192 && b === 168;
    return !inside;
  }
  return host.includes(".") && !/\.(?:local|localhost|internal)\.?$/.test(host);
}

// dist/run/output-tail.js
import { stripVTControlCharacters as stripVTControlCharacters2 } from "node:util";
var failureTailLines = 12;
function tail(output) {
  const lines = stripVTControlCharacters2(output).replace(/\0/g, "\u2400").trimEnd().split("\n");
  if (lines.length === 1 && lines[0] === "")
    return "";
  return lines.slice(-failureTailLines).map((line) => `\u2502 ${excerpt(line, 200)}`).join("\n");
}

// dist/run/command-failures.js
var containerMissing = /^Error(?: response from daemon)?: (?:No such container|Container \S+ is not running)/m;
function reportCommandFailure(ctx, cell, resolved, result, givenUp) {
  const note = tail(result.output);
  const command = excerpt(resolved.command);
  if (result.timedOut) {
    const lost = givenUp === void 0 ? "" : `; ${givenUp}, so terminal ${cell.options.session} was given up`;
    ctx.fail(`Unexpected timeout after ${cell.options.timeoutMs / 1e3} s running \`${command}\`, expected it to finish (allow longer with \`timeout=\`, or add \`stop-after=N\` or \`background\` if the lesson means it to keep running)${lost}`, cell.position, "cell-timeout", note);
  } else if (resolved.in !== void 0 && containerMissing.test(result.output)) {
    ctx.fail(`Unexpected missing container \`${resolved.in}\` for \`in=${excerpt(cell.options.in ?? resolved.in, 40)}\`, expected it running: start it earlier in the lesson (\`docker run -d --name ${resolved.in} \u2026\`) or in lesson.yaml \`setup\``, cell.position, "container-missing", note);
  } else if (ctx.hostKind === "sandbox" && !ctx.plan.config.network && reportNoNetwork(ctx.plan.file, cell.position, { command: resolved.command, output: result.output, exitCode: result.exitCode, expectedExit: cell.options.exit }, { note })) {
    ctx.failed();
  } else {
    ctx.fail(`Unexpected exit status ${result.exitCode ?? "unknown"} from \`${command}\`, expected ${cell.options.exit}`, cell.position, "unexpected-exit", note);
  }
}

// dist/run/script-line.js
var BACKGROUND_BOUND_MS = 12e4;
var STILL_RUNNING_STATUS = 124;
function scriptLine(script, command) {
  switch (script.kind) {
    case "assets":
      return script.body ?? command;
    case "foreground":
      return command;
    case "verify":
      return `bash -c ${quote(command)}`;
    case "background":
      return backgroundLine(command, BACKGROUND_BOUND_MS);
  }
}
function backgroundLine(command, boundMs) {
  const polls = Math.ceil(boundMs / 100);
  return [
    "__sb_d=$(mktemp -d)",
    `( ( bash -c ${quote(command)}; echo $? >"$__sb_d/status" ) >"$__sb_d/log" 2>&1 & )`,
    "__sb_n=0",
    `while [ ! -s "$__sb_d/status" ] && [ $__sb_n -lt ${polls} ]; do sleep 0.1; __sb_n=$((__sb_n + 1)); done`,
    'cat "$__sb_d/log"',
    `if [ -s "$__sb_d/status" ]; then (exit "$(cat "$__sb_d/status")"); else (exit ${STILL_RUNNING_STATUS}); fi`
  ].join("; ");
}

// dist/run/special-cells.js
async function runScript(ctx, cell, script, session) {
  const timeoutMs = script.kind === "background" ? BACKGROUND_BOUND_MS + cell.options.timeoutMs : cell.options.timeoutMs;
  const result = await session.run(scriptLine(script, cell.command), { timeoutMs, signal: ctx.signal });
  const ok = !result.timedOut && result.exitCode === 0;
  const capture = { cellId: cell.id, command: cell.command, expectedExit: 0, ...result, status: ok ? "ok" : "failed" };
  if (ok || ctx.interrupted(`running the ${script.kind} script \`${script.name}\``, cell.position))
    return capture;
  const outcome = result.timedOut ? `a timeout after ${timeoutMs / 1e3} s` : `exit status ${result.exitCode ?? "unknown"}`;
  const note = tail(result.output);
  if (script.kind === "verify") {
    ctx.fail(`Unexpected ${outcome} from the verify script \`${script.name}\`, expected 0: the step's check did not pass`, cell.position, "verify-failed", note);
  } else if (script.kind === "assets") {
    ctx.fail(`Unexpected ${outcome} copying the scenario's assets into the host, expected 0`, cell.position, "script-failed", note);
  } else if (script.kind === "background" && result.exitCode === STILL_RUNNING_STATUS) {
    warning(ctx.plan.file, `Unexpected ${script.kind} script \`${script.name}\` still running after ${BACKGROUND_BOUND_MS / 1e3} s, expected it to finish; the lesson went on beside it`, cell.position, "script-failed", { note });
  } else {
    warning(ctx.plan.file, `Unexpected ${outcome} from the ${script.kind} script \`${script.name}\`, expected 0; the lesson goes on`, cell.position, "script-failed", { note });
  }
  return capture;
}
async function sendKeys(ctx, cell, session, base2) {
  const started = { startedAt: (/* @__PURE__ */ new Date()).toISOString(), timedOut: false, truncated: false, output: "" };
  const keys = cell.command.trim();
  if (keys === "^C") {
    const start = performance.now();
    await session.interrupt();
    return { ...base2, ...started, exitCode: 0, durationMs: Math.round(performance.now() - start), status: "ok" };
  }
  if (keys === "^D") {
    const result = await session.run("exit", { timeoutMs: cell.options.timeoutMs, signal: ctx.signal });
    if (session.exited)
      terminalEnded(ctx.plan, cell, keys);
    return { ...base2, ...result, status: result.exitCode === 0 ? "ok" : "failed" };
  }
  return { ...base2, ...started, exitCode: null, durationMs: 0, status: "norun" };
}
function terminalEnded(plan, cell, command) {
  const name = cell.options.session;
  warning(plan.file, `Unexpected end of terminal ${name}: \`${excerpt(command)}\` closed its shell, expected a shell to leave (\`docker exec -it \u2026 sh\`, \`su -\`); later commands in terminal ${name} run in a new shell, without its variables or folder`, cell.position, "terminal-ended");
}

// dist/run/left-running.js
function settleOf(cell) {
  if (!cell.options.background)
    return void 0;
  return { quietMs: cell.options.quietMs ?? SESSION_DEFAULTS.settleQuietMs, settleMs: cell.options.settleMs ?? SESSION_DEFAULTS.settleMs };
}
function keyBytes(keys) {
  const text = keys.trim();
  if (!/^(?:\^[A-Z@[\\\]^_?])+$/.test(text))
    return keys;
  return text.replace(/\^(.)/g, (_, key) => key === "?" ? "\x7F" : String.fromCharCode(key.charCodeAt(0) - 64));
}
var passwordPrompt = /(?:password|passwort|passphrase|mot de passe|contraseña|senha|密码)[^\n]*[:：]\s*$/i;
var LeftRunningCells = class {
  ctx;
  /** The cell whose command holds each busy terminal, by terminal name. */
  #holders = /* @__PURE__ */ new Map();
  /** The cell that started what runs in each busy terminal (the holder, or the cell a line was first typed after). */
  #programs = /* @__PURE__ */ new Map();
  constructor(ctx) {
    this.ctx = ctx;
  }
  /** `cell` was left running in its terminal (or holds the output of `program`, which it was typed into). */
  hold(cell, program = cell) {
    this.#holders.set(cell.options.session, cell);
    this.#programs.set(cell.options.session, program);
  }
  /**
   * Before `cell`, in a terminal where a command is left running: stop it, type into it, or
   * wait for it. Returns the cell's own capture when the cell was consumed (typed into the
   * program, or a `^C` key); undefined when the cell still has to run at the prompt.
   */
  async comeBack(cell, session, { command, line }) {
    const name = cell.options.session;
    const holder = this.#holders.get(name);
    if (!holder)
      return void 0;
    const program = this.#programs.get(name) ?? holder;
    const options = { timeoutMs: cell.options.timeoutMs, signal: this.ctx.signal };
    const keys = cell.options.keys ? keyBytes(cell.command) : void 0;
    const typing = { ...options, settle: settleOf(cell) ?? { quietMs: SESSION_DEFAULTS.settleQuietMs, settleMs: cell.options.timeoutMs } };
    if (program.readsTyping && keys === void 0 && !cell.options.interrupt) {
      if (holder === program) {
        const typed = await session.type(`${line}\r`, typing);
        if (typed) {
          this.#settle(holder, typed.previous);
          return this.#typedCapture(cell, command, typed.current, program);
        }
      } else {
        const ended2 = await session.type("", typing);
        if (ended2) {
          this.#settle(holder, { ...ended2.current, output: ended2.previous.output + ended2.current.output, durationMs: ended2.previous.durationMs + ended2.current.durationMs });
          if (ended2.current.leftRunning !== void 0)
            await session.release("ctrl-c", options);
          return void 0;
        }
      }
    }
    const readsInput = session.busyReadsInput && !/^\s*(?:sudo\s+)?watch\b/.test(program.command);
    const passwordNotGiven = keys === void 0 && /\s/.test(cell.command.trim()) && passwordPrompt.test(session.heldPrompt ?? "");
    if (passwordNotGiven && !cell.options.interrupt && await this.#pressEnterAtPassword(holder, session, typing, options))
      return void 0;
    const stop = cell.options.interrupt || keys === "" || keys === void 0 && !readsInput && program.keepsRunning === true;
    if (stop) {
      this.#settle(holder, await session.release("ctrl-c", options));
      if (keys === void 0)
        return void 0;
      return { ...base(cell, command), output: "", exitCode: 0, durationMs: 0, startedAt: (/* @__PURE__ */ new Date()).toISOString(), timedOut: false, truncated: false, status: "ok" };
    }
    if (keys === void 0 && program.quitKey !== void 0 && !looksLikeKeys(cell.command)) {
      const quit = await session.type(program.quitKey, typing);
      if (quit) {
        this.#settle(holder, quit.previous);
        if (quit.current.leftRunning !== void 0)
          await session.release("ctrl-c", options);
        return void 0;
      }
    }
    if (keys !== void 0 || readsInput) {
      const typed = await session.type(keys ?? `${line}\r`, typing);
      if (typed) {
        this.#settle(holder, typed.previous);
        return this.#typedCapture(cell, command, typed.current, program);
      }
    }
    const ended = await session.release("wait", options);
    if (ended) {
      this.#settle(holder, ended);
      return void 0;
    }
    this.ctx.fail(`Unexpected terminal ${name} still busy after ${cell.options.timeoutMs / 1e3} s with \`${excerpt(holder.command)}\` (${this.#where(holder)}), expected it to end before \`${excerpt(cell.command)}\`: stop it first with \`interrupt\` (\`{{execute interrupt}}\`), or run it in another terminal`, cell.position, "terminal-busy");
    this.#settle(holder, await session.release("ctrl-c", options));
    return void 0;
  }
  /**
   * At a password prompt the lesson gives no password for: Enter, as a reader with nothing to
   * type would press, until the program gives up (an empty password is refused; `passwd` asks
   * for it and its retype three times), then Ctrl-C if it still waits. Ctrl-C alone is not enough: a password reader
   * that takes the terminal byte by byte reads it as a character. True when the terminal is free.
   */
  async #pressEnterAtPassword(holder, session, typing, options) {
    const outputs = [];
    let last;
    let duration = 0;
    for (let tries = 0; tries < 8 && passwordPrompt.test(session.heldPrompt ?? ""); tries++) {
      const pressed = await session.type("\r", typing);
      if (!pressed)
        break;
      outputs.push(`${pressed.previous.output}${pressed.current.prompt ?? ""}
`);
      duration += pressed.previous.durationMs;
      last = pressed.current;
      if (last.leftRunning !== "still-running")
        break;
    }
    if (!last)
      return false;
    let end = { ...last, output: outputs.join("") + last.output, durationMs: duration + last.durationMs };
    if (last.leftRunning === "still-running") {
      const stopped = await session.release(passwordPrompt.test(session.heldPrompt ?? "") ? "ctrl-c" : "wait", options);
      if (stopped)
        end = { ...stopped, output: outputs.join("") + stopped.output, durationMs: duration + stopped.durationMs };
    }
    this.#settle(holder, { ...end, leftRunning: end.leftRunning ?? "ended" });
    return !session.busy;
  }
  /** The lesson ended: what is left running is recorded as it is, then stopped so teardown can run. */
  async endAll(sessionOf) {
    for (const [name, holder] of [...this.#holders]) {
      const session = sessionOf(name);
      const now = session?.snapshot();
      if (now)
        this.#settle(holder, now);
      if (session && !session.closed)
        await session.release("ctrl-c", { timeoutMs: 0 }).catch(() => void 0);
      this.#release(name);
    }
  }
  /** The cell typed into a program: its output, and whether the program still runs. */
  #typedCapture(cell, command, result, program) {
    if (result.leftRunning === "still-running")
      this.hold(cell, program);
    else
      this.#release(cell.options.session);
    const ok = result.leftRunning !== void 0 || result.exitCode === cell.options.exit;
    if (!ok) {
      this.ctx.fail(`Unexpected exit status ${result.exitCode ?? "unknown"} after typing \`${excerpt(cell.command)}\` into the program running in terminal ${cell.options.session}, expected ${cell.options.exit}`, cell.position, "unexpected-exit", tail(result.output));
    }
    return { ...base(cell, command), ...result, status: ok ? "ok" : "failed" };
  }
  /** The command left running came back (or is recorded as it is): its capture gets the whole output. */
  #settle(holder, result) {
    if (!result)
      return;
    if (result.leftRunning !== "still-running")
      this.#release(holder.options.session);
    const earlier = this.ctx.captures[holder.id];
    if (!earlier)
      return;
    const failed = result.leftRunning === "ended" && result.exitCode !== holder.options.exit || result.leftRunning === "ctrl-c" && result.exitCode === null;
    this.ctx.captures[holder.id] = { ...earlier, ...result, command: earlier.command, status: failed ? "failed" : "ok" };
    if (result.leftRunning === "ctrl-c" && result.exitCode === null) {
      this.ctx.fail(`Unexpected \`${excerpt(holder.command)}\` still running after Ctrl-C, expected it to stop: terminal ${holder.options.session} was given up, and commands after it there run in a new shell`, holder.position, "session-failed", tail(result.output));
    } else if (failed) {
      this.ctx.fail(`Unexpected exit status ${result.exitCode ?? "unknown"} from \`${excerpt(holder.command)}\`, left running in terminal ${holder.options.session}, expected ${holder.options.exit}`, holder.position, "unexpected-exit", tail(result.output));
    }
  }
  /** Nothing is left running in terminal `name` any more. */
  #release(name) {
    this.#holders.delete(name);
    this.#programs.delete(name);
  }
  #where(cell) {
    return describeOrigin(this.ctx.plan.file, cell.position.start, this.ctx.plan.file.basename ?? "");
  }
};
function looksLikeKeys(command) {
  return /^:?[A-Za-z]{1,2}!?$/.test(command.trim());
}
function base(cell, command) {
  return { cellId: cell.id, command, expectedExit: cell.options.exit };
}

// dist/run/output-vars.js
function readStepOutputVars(plan, step, captures, vars) {
  const expression = step.kind === "var" ? plan.config.vars[step.name] : void 0;
  const needed = step.kind === "cell" ? step.cell.vars : typeof expression === "string" ? findPlaceholders(expression).map((placeholder) => placeholder.name) : [];
  for (const name of needed) {
    const variable = plan.outputVars[name];
    if (!variable || Object.hasOwn(vars, name))
      continue;
    const from = captures[variable.cellId];
    const value = readOutputVar(variable, from);
    if (value !== void 0) {
      vars[name] = value;
      continue;
    }
    const what = from && from.status !== "skipped" ? `output of \`${excerpt(from.command)}\` with nothing matching` : "no output to match";
    return `Unexpected ${what} \`/${variable.match}/\`, expected the value of variable \`${name}\``;
  }
  return void 0;
}

// dist/run/skipped-capture.js
function skippedCapture(cell, vars) {
  return {
    cellId: cell.id,
    command: resolveCell(cell, vars).command,
    output: "",
    exitCode: null,
    expectedExit: cell.options.exit,
    durationMs: 0,
    startedAt: (/* @__PURE__ */ new Date()).toISOString(),
    timedOut: false,
    truncated: false,
    status: "skipped"
  };
}

// dist/run/run-lesson.js
var ctrlCStatus = 130;
async function runLesson(plan, options) {
  const secrets = lessonSecrets(plan);
  const runner = new LessonRunner(plan, options, secrets.exports);
  const startedAt = /* @__PURE__ */ new Date();
  let provenance = { ...options.provenance, hostKind: options.host.kind };
  options.onEvent?.({ kind: "lesson-start", slug: plan.slug, locale: plan.locale, cells: plan.cells.length });
  try {
    if (await runner.startHost()) {
      options.onEvent?.({ kind: "host-ready", slug: plan.slug, host: options.host.kind, durationMs: options.host.readyMs ?? Date.now() - startedAt.getTime() });
      if (options.host.describeEngine)
        provenance = { ...provenance, ...await options.host.describeEngine() };
      await runner.runAll();
    }
  } finally {
    await runner.closeSessions();
    await options.host.stop();
  }
  const ok = !runner.failed;
  options.onEvent?.({ kind: "lesson-end", slug: plan.slug, ok, durationMs: Date.now() - startedAt.getTime() });
  return secrets.seal({
    slug: plan.slug,
    provenance: { ...provenance, startedAt: startedAt.toISOString(), finishedAt: (/* @__PURE__ */ new Date()).toISOString() },
    cells: runner.captures,
    vars: runner.vars
  });
}
var LessonRunner = class {
  plan;
  options;
  secretExports;
  captures = {};
  vars = {};
  failed = false;
  sessions = /* @__PURE__ */ new Map();
  /** What the special cells (scripts, keys) need of this runner. */
  context;
  /** Commands left running in their terminals (a server, `top -b` in T2). */
  leftRunning;
  failureContext;
  constructor(plan, options, secretExports) {
    this.plan = plan;
    this.options = options;
    this.secretExports = secretExports;
    this.context = {
      plan,
      signal: options.signal,
      fail: (reason, place, ruleId, note) => this.fail(reason, place, ruleId, note === void 0 ? {} : { note }),
      interrupted: (doing, place) => this.interrupted(doing, place)
    };
    this.failureContext = {
      plan,
      hostKind: options.host.kind,
      fail: (reason, place, ruleId, note) => this.fail(reason, place, ruleId, note === void 0 ? {} : { note }),
      failed: () => {
        this.failed = true;
      }
    };
    this.leftRunning = new LeftRunningCells({
      plan,
      signal: options.signal,
      captures: this.captures,
      fail: (reason, place, ruleId, note) => this.fail(reason, place, ruleId, note === void 0 ? {} : { note })
    });
  }
  /** Start the host; a HostError becomes a message and every cell is marked skipped. */
  async startHost() {
    try {
      await (this.options.started ?? this.options.host.start());
      return true;
    } catch (error2) {
      if (!(error2 instanceof HostError))
        throw error2;
      const point = error2.place ?? { line: 1, column: 1 };
      this.fail(error2.message, { start: point, end: point }, error2.ruleId);
      for (const cell of this.plan.cells)
        this.captures[cell.id] = skippedCapture(cell, this.vars);
      return false;
    }
  }
  async runAll() {
    for (const command of this.plan.config.setup) {
      if (!await this.runHidden(command, "setup", this.options.signal))
        break;
    }
    const total = this.plan.cells.length;
    for (const step of this.plan.steps) {
      if (this.failed && !this.options.keepGoing) {
        if (step.kind === "cell")
          this.captures[step.cell.id] = skippedCapture(step.cell, this.vars);
        continue;
      }
      if (this.options.signal?.aborted) {
        this.stopBefore(step);
        continue;
      }
      const unmatched = readStepOutputVars(this.plan, step, this.captures, this.vars);
      if (unmatched !== void 0) {
        if (step.kind === "cell")
          this.captures[step.cell.id] = skippedCapture(step.cell, this.vars);
        this.fail(unmatched, step.kind === "var" ? step.position : step.cell.position, "var-unmatched");
        continue;
      }
      try {
        if (step.kind === "var")
          await this.evaluate(step.name, step.position);
        else
          await this.runCell(step.cell, this.plan.cells.indexOf(step.cell) + 1, total);
      } catch (error2) {
        if (!(error2 instanceof Error))
          throw error2;
        const place = step.kind === "var" ? step.position : step.cell.position;
        if (step.kind === "cell")
          this.captures[step.cell.id] = skippedCapture(step.cell, this.vars);
        this.fail(`Unexpected shell failure: ${error2.message}, expected a usable session`, place, "session-failed");
      }
    }
    await this.leftRunning.endAll((name) => this.sessions.get(name));
    for (const command of this.plan.config.teardown) {
      await this.runHidden(command, "teardown");
    }
  }
  async evaluate(name, position) {
    const expression = resolveExpression(String(this.plan.config.vars[name]), this.vars);
    const session = await this.quietSession("1");
    const result = await session.run(expression, { timeoutMs: this.plan.config.timeout * 1e3, signal: this.options.signal });
    if (this.interrupted(`evaluating variable \`${name}\``, position))
      return;
    const value = stripVTControlCharacters3(result.output).trim();
    if (result.timedOut || result.exitCode !== 0 || value === "") {
      const outcome = result.timedOut ? "a timeout" : result.exitCode !== 0 ? `exit status ${result.exitCode}` : "empty output";
      this.fail(`Unexpected ${outcome} from variable \`${name}\` (\`${excerpt(expression)}\`), expected a value`, position, "var-failed", { note: tail(result.output) });
      return;
    }
    this.vars[name] = value;
    this.options.onEvent?.({ kind: "var", slug: this.plan.slug, name, value });
  }
  async runCell(cell, index, total) {
    const resolved = resolveCell(cell, this.vars);
    this.options.onEvent?.({ kind: "cell-start", slug: this.plan.slug, cell, index, total, where: this.where(cell) });
    const base2 = { cellId: cell.id, command: resolved.command, expectedExit: cell.options.exit };
    const where = { ...resolved.in === void 0 ? {} : { in: resolved.in }, ...resolved.cwd === void 0 ? {} : { cwd: resolved.cwd } };
    let capture;
    if (cell.options.norun) {
      capture = { ...base2, ...where, output: "", exitCode: null, durationMs: 0, startedAt: (/* @__PURE__ */ new Date()).toISOString(), timedOut: false, truncated: false, status: "norun" };
    } else {
      const session = await this.session(cell.options.session);
      const consumed = session.busy ? await this.leftRunning.comeBack(cell, session, resolved) : void 0;
      if (consumed) {
        this.captures[cell.id] = consumed;
        this.options.onEvent?.({ kind: "cell-end", slug: this.plan.slug, cell, capture: consumed, where: this.where(cell) });
        return;
      }
      if (cell.options.interrupt && !session.busy)
        await session.interrupt();
      if (this.options.signal?.aborted) {
        this.stopBefore({ kind: "cell", cell });
        return;
      }
      if (cell.options.keys) {
        capture = await sendKeys(this.context, cell, session, { ...base2, ...where });
        this.captures[cell.id] = capture;
        this.options.onEvent?.({ kind: "cell-end", slug: this.plan.slug, cell, capture, where: this.where(cell) });
        return;
      }
      if (cell.script) {
        capture = await runScript(this.context, cell, cell.script, session);
        this.captures[cell.id] = capture;
        this.options.onEvent?.({ kind: "cell-end", slug: this.plan.slug, cell, capture, where: this.where(cell) });
        return;
      }
      const stopAfter = cell.options.stopAfterMs;
      const ran = await session.run(resolved.line, { timeoutMs: stopAfter ?? cell.options.timeoutMs, signal: this.options.signal, settle: settleOf(cell) });
      const stopped = stopAfter !== void 0 && ran.timedOut && ran.exitCode !== null;
      const result = stopped ? { ...ran, timedOut: false, leftRunning: "ctrl-c" } : ran;
      if (result.leftRunning === "still-running")
        this.leftRunning.hold(cell);
      const ok = result.leftRunning !== void 0 || result.exitCode === cell.options.exit && (!result.timedOut || cell.options.exit === ctrlCStatus);
      capture = { ...base2, ...where, ...result, status: ok ? "ok" : "failed" };
      if (session.exited)
        terminalEnded(this.plan, cell, resolved.command);
      const interrupted = this.interrupted(`running \`${resolved.command}\``, cell.position);
      if (!interrupted && !ok)
        reportCommandFailure(this.failureContext, cell, resolved, result, session.givenUp);
    }
    this.captures[cell.id] = capture;
    this.options.onEvent?.({ kind: "cell-end", slug: this.plan.slug, cell, capture, where: this.where(cell) });
    if (capture.status === "ok" && cell.waitUntil !== void 0)
      await this.waitUntil(cell, resolved.command);
  }
  /** lesson.yaml `waits`: poll a hidden condition after the cell, within the cell's timeout. */
  async waitUntil(cell, command) {
    const condition = resolveExpression(cell.waitUntil, this.vars);
    const session = await this.quietSession(cell.options.session);
    const result = await session.run(`until ${condition}; do sleep 0.1; done`, { timeoutMs: cell.options.timeoutMs, signal: this.options.signal });
    if (this.interrupted(`waiting for \`${excerpt(condition)}\``, cell.position))
      return;
    if (!result.timedOut && result.exitCode === 0)
      return;
    this.fail(`Unexpected timeout after ${cell.options.timeoutMs / 1e3} s waiting for \`${excerpt(condition)}\` after \`${excerpt(command)}\` (lesson.yaml \`waits\`), expected it to hold`, cell.position, "wait-timeout", { note: tail(result.output) });
  }
  /** lesson.yaml `setup` / `teardown`: must exit 0; their output is not shown. Problems point at the command in lesson.yaml. */
  async runHidden(command, which, signal) {
    const session = await this.session("1");
    const timeoutMs = this.plan.config.timeout * 1e3;
    const result = await session.run(command, { timeoutMs, signal });
    const aborted = signal?.aborted === true;
    if (!aborted && !result.timedOut && result.exitCode === 0)
      return true;
    const start = pointOfText(this.plan.configFile, command);
    const place = { start, end: { line: start.line, column: start.column + command.length } };
    const what = `the ${which} command \`${excerpt(command)}\` of lesson.yaml`;
    if (aborted && this.interrupted(`running ${what}`, place, this.plan.configFile))
      return false;
    const outcome = result.timedOut ? `timeout after ${timeoutMs / 1e3} s` : `exit status ${result.exitCode ?? "unknown"}`;
    this.fail(`Unexpected ${outcome} from ${what}, expected it to exit 0`, place, which === "setup" ? "setup-failed" : "teardown-failed", { file: this.plan.configFile, note: tail(result.output) });
    return false;
  }
  async session(name) {
    const open = this.sessions.get(name);
    if (open && !open.closed)
      return open;
    const { cols, rows, term, locale } = this.plan.config.terminal;
    const exports = { ...term === void 0 ? {} : { TERM: term }, ...locale === void 0 ? {} : { LANG: locale }, ...this.secretExports };
    const { shell, env, cwd } = this.options.host;
    const session = await ShellSession.open({ shell, env, cwd, cols, rows, exports });
    this.sessions.set(name, session);
    return session;
  }
  /** Terminal `name`, or a side terminal while a command is left running there (variables, waits). */
  async quietSession(name) {
    const session = await this.session(name);
    return session.busy ? this.session(`${name}:side`) : session;
  }
  async closeSessions() {
    await Promise.all([...this.sessions.values()].map((session) => session.close()));
  }
  /** A cell's place for progress lines: its real file and line when the lesson is made of several files. */
  where(cell) {
    if (!this.plan.file.data.segments)
      return void 0;
    return describeOrigin(this.plan.file, cell.position.start, this.plan.file.basename ?? "").replace(/:\d+$/, "");
  }
  /** The build was interrupted before `step` ran: report it there; the step is skipped. */
  stopBefore(step) {
    const what = step.kind === "var" ? `variable \`${step.name}\`` : `\`${excerpt(resolveCell(step.cell, this.vars).command)}\``;
    if (step.kind === "cell")
      this.captures[step.cell.id] = skippedCapture(step.cell, this.vars);
    const place = step.kind === "var" ? step.position : step.cell.position;
    this.fail(`Unexpected interruption before ${what}, expected the lesson to run to its end`, place, "interrupted");
  }
  /** After a step: when the build was interrupted meanwhile, report it at the step. */
  interrupted(doing, place, file = this.plan.file) {
    if (!this.options.signal?.aborted)
      return false;
    this.fail(`Unexpected interruption while ${doing}, expected the lesson to run to its end`, place, "interrupted", { file });
    return true;
  }
  /** Mark the lesson failed with a message on the lesson's Markdown (or on `file`: lesson.yaml), an output tail as its note. */
  fail(reason, place, ruleId, { file = this.plan.file, note } = {}) {
    this.failed = true;
    error(file, reason, place, ruleId, { note });
  }
};

// dist/run/execution-pool.js
var defaultHostFactory = ({ plan, kind, engine, images, owner }) => {
  if (kind === "local")
    return createLocalHost(plan, { engine: engine.endpoint });
  const servePulls2 = plan.cells.some((cell) => !cell.options.norun && pullsImages(cell.command));
  return createSandboxHost(plan, { engine: engine.endpoint, owner, images: images.map((image) => image.name), network: plan.config.network, hostname: plan.config.hostname, servePulls: servePulls2 });
};
async function runExecutions(lessons, options) {
  const queue = lessons.flatMap((planned) => planned.executions.flatMap(({ group, decision }) => decision.kind === "run" ? [{ planned, group, reason: decision.reason }] : []));
  const progress = new Map(lessons.map((planned) => [planned, { left: 0, done: [] }]));
  for (const unit of queue)
    progress.get(unit.planned).left += 1;
  const runs = /* @__PURE__ */ new Map();
  const imageFailures = /* @__PURE__ */ new Set();
  let localTurn = Promise.resolve();
  const startSlot = pLimit(Math.max(1, os3.availableParallelism()));
  const settle = async (unit, frozen) => {
    const lessonProgress = progress.get(unit.planned);
    lessonProgress.done.push(frozen ? { group: unit.group, frozen } : { group: unit.group });
    lessonProgress.left -= 1;
    if (lessonProgress.left === 0)
      await updateCaptures(unit.planned, lessonProgress.done);
  };
  const claim = async (engine) => {
    const createHost = options.createHost ?? defaultHostFactory;
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      const kind = hostKindOf(unit, options);
      const images = options.signal?.aborted ? void 0 : await prepareImages(unit.planned, kind, engine, imageFailures);
      if (!images || options.signal?.aborted) {
        await settle(unit);
        continue;
      }
      const host = createHost({ plan: unit.group.runner, kind, engine, images, owner: options.owner });
      const started = host.kind === "sandbox" ? startSlot(() => host.start()) : void 0;
      started?.catch(() => void 0);
      return { unit, engine, images, host, ...started ? { started } : {} };
    }
    return void 0;
  };
  const runOne = async ({ unit, engine, images, host, started }) => {
    const { planned, group } = unit;
    let frozen;
    try {
      if (options.signal?.aborted) {
        await started?.catch(() => void 0);
        await host.stop();
        return;
      }
      options.onEvent?.({
        kind: "captures-stale",
        slug: planned.lesson.slug,
        locales: group.plans.map((plan) => plan.locale),
        reason: unit.reason,
        host: host.kind,
        engine: engine.endpoint
      });
      const run = await runLesson(group.runner, {
        host,
        started,
        provenance: { hostKind: host.kind, engineVersion: engine.info.serverVersion, kernel: engine.info.kernel, os: engine.info.os, images },
        onEvent: options.onEvent,
        signal: options.signal,
        keepGoing: options.keepGoing
      });
      const candidate = freezeRun(run, group.key.links, group.runner.cells.map((cell) => cell.id));
      const thawed = thawExecution(planned.lesson.slug, candidate);
      for (const plan of group.plans)
        runs.set(plan, thawed);
      if (succeeded(group.runner, run) && !options.signal?.aborted)
        frozen = candidate;
    } finally {
      await settle(unit, frozen);
    }
  };
  const runClaimed = (claimed) => {
    if (claimed.host.kind !== "local")
      return runOne(claimed);
    const turn = localTurn.then(() => runOne(claimed));
    localTurn = turn.catch(() => void 0);
    return turn;
  };
  const worker = async (index) => {
    const engine = options.engines[index % options.engines.length];
    for (let current = await claim(engine); current; ) {
      await current.started?.catch(() => void 0);
      const upcoming = current.host.kind === "sandbox" ? claim(engine) : void 0;
      await runClaimed(current);
      current = upcoming ? await upcoming : await claim(engine);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, queue.length)) }, (_, index) => worker(index)));
  return runs;
}
function hostKindOf(unit, options) {
  return options.host ?? unit.group.runner.config.host ?? "sandbox";
}
async function prepareImages(planned, kind, engine, failures) {
  if (failures.has(planned))
    return void 0;
  const { lesson } = planned;
  try {
    if (kind === "sandbox")
      await engine.images.ensure([LESSON_HOST_IMAGE], false);
    if (lesson.imagesInferred)
      return await inferredImages(planned, engine);
    return await engine.images.ensure(lesson.config?.images ?? []);
  } catch (failure) {
    if (!(failure instanceof MissingImageError))
      throw failure;
    failures.add(planned);
    const place = pointOfText(lesson.configFile, failure.image);
    error(lesson.configFile, failure.message, place, "missing-image");
    return void 0;
  }
}
async function inferredImages(planned, engine) {
  const ready2 = [];
  const plan = sourcePlan(planned.lesson);
  for (const image of planned.lesson.config?.images ?? []) {
    try {
      ready2.push(...await engine.images.ensure([image]));
    } catch (failure) {
      if (!(failure instanceof MissingImageError) || !plan)
        throw failure;
      const cell = plan.cells.find((candidate) => candidate.command.includes(image));
      warning(plan.file, `${failure.message}; the lesson runs without it (list it under \`images\` in lesson.yaml to make this an error)`, cell?.position, "missing-image");
    }
  }
  return ready2;
}
function succeeded(plan, run) {
  const failed = hasFatal([plan.file, plan.configFile]);
  const mayFail = (cell) => cell.script?.kind === "background" || cell.script?.kind === "foreground";
  return !failed && plan.cells.every((cell) => ["ok", "norun"].includes(run.cells[cell.id]?.status ?? "missing") || mayFail(cell));
}

export {
  endpointOf,
  currentBuildOwner,
  isOwnerAlive,
  EngineUnreachableError,
  probeEngine,
  reapOrphans,
  removeLabelled,
  MissingImageError,
  ensureImages,
  buildStandIn,
  EngineImages,
  DEFAULT_LOCAL_SHELL,
  ShellSession,
  createLocalHost,
  LESSON_HOST_IMAGE,
  createSandboxHost,
  recogniseNetworkFailure,
  networkHint,
  reportNoNetwork,
  runLesson,
  runExecutions
};
