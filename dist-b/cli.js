import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  Command,
  CommanderError,
  Option,
  basePath,
  engineOption,
  enginesOf,
  formatOption,
  frailOption,
  imagesOption,
  lessonsOption,
  positiveInteger,
  pullOf,
  pullOption,
  secondsAsMs,
  shard,
  siteUrl,
  wholeNumber
} from "./chunk-MF2ZOODH.js";
import {
  writeErr,
  writeErrText
} from "./chunk-TKJS3DQX.js";
import {
  buildDefaults,
  defaultJobs
} from "./chunk-KAQQPUAR.js";
import {
  UnknownEngineError
} from "./chunk-AQOKNGIA.js";
import {
  projectOrOwnFolder
} from "./chunk-F6MQOHON.js";
import "./chunk-V4RWK56N.js";

// dist/cli.js
import { existsSync, readFileSync } from "node:fs";

// dist/cli/build-command.js
function addBuildCommand(program, outcome) {
  program.command("build").description("run the lessons that need it and render out/site (HTML), out/md (Markdown) and out/report.json").argument("[slug...]", "lessons to build (folders of --lessons); default: all").addOption(new Option("--host <kind>", "where lessons run: sandbox = a disposable Docker-in-Docker host per lesson; local = this machine's own engine and shell (default: each lesson's lesson.yaml `host`, else sandbox)").choices(["sandbox", "local"])).option("--jobs <n>", `executions at once (sandbox host) (default: ${defaultJobs()} on this machine)`, positiveInteger).addOption(engineOption()).option("--shard <i/n>", "build only share i of n of the lessons (by sorted slug), for a CI matrix", shard).option("--out <dir>", `output folder (default: ${buildDefaults.outDir})`).addOption(lessonsOption()).option("--templates <dir>", `templates folder (default: ${buildDefaults.templatesDir} if this folder has one, else shellbook's own)`).addOption(imagesOption()).option("--refresh", "execute the lessons built even where their frozen captures (captures.json) match: `build foo --refresh` re-executes foo (and builds only it), `build --refresh` every lesson").addOption(pullOption()).addOption(formatOption()).option("--keep-going", "run every command of a lesson even after one failed, as a reader keeps typing: every failure is reported at its line and shown on the page (the build still fails); default: stop the lesson at its first failure").option("--update-samples", "write each command's real output into the lesson's Markdown in place of the sample output its author wrote under it (every locale; only sample lines change, `...` elisions stay)").addOption(frailOption()).option("--max-lines <n>", `show at most n lines of each command's output (its first and last halves, a "\u2026 N lines cut" line between) unless its cell picks its own with {head=\u2026}, {tail=\u2026} or {lines=\u2026}; captures.json keeps all of it; 0 = no cap (default: ${buildDefaults.maxLines})`, wholeNumber).option("--base <path>", "the folder the site is published under, such as /docs/ for a GitHub Pages project site: used by the 404 page, canonical links and sitemap.xml (default: /)", basePath).option("--site-url <url>", "the address the site is published at, such as https://example.org: canonical links, hreflang and sitemap.xml become absolute (default: none, links stay relative)", siteUrl).option("--wait-lock <seconds>", `how long to wait for another build of the same lessons folder to finish (default: ${buildDefaults.waitLockMs / 1e3})`, secondsAsMs).action(async (slugs, flags) => {
    const { runBuild } = await import("./build-action-JX4CWKCP.js");
    await runBuild(slugs, flags, outcome);
  });
}

// dist/cli/check-command.js
function addCheckCommand(program, outcome) {
  program.command("check").description("check lessons without running them (no Docker needed): input, translations, prose language, stale captures").argument("[slug...]", "lessons to check (folders of --lessons); default: all").addOption(lessonsOption()).addOption(formatOption()).addOption(frailOption()).action(async (slugs, flags) => {
    const [{ checkLessons }, { fails, printMessages }] = await Promise.all([import("./check-lessons-7JC4R7LK.js"), import("./print-messages-IWVYLM5H.js")]);
    const result = await checkLessons({ lessonsDir: flags.lessons, slugs });
    printMessages(result.files, flags.format, `${result.files.length} file(s) checked: no problems`);
    outcome.exitCode = fails(result.files, flags.frail) ? 1 : 0;
  });
}

// dist/cli/dev-command.js
function addDevCommand(program, outcome) {
  program.command("dev").description("build, serve out/site on http://127.0.0.1 and rebuild on every change: a prose edit reloads its page, a command edit re-executes its lesson in a fresh sandbox; Ctrl-C stops it and removes its sandboxes").option("--port <n>", "port on 127.0.0.1 (default: 4321; 0 = any free port)", (value) => value === "0" ? 0 : positiveInteger(value), 4321).addOption(new Option("--host <kind>", "where lessons run: sandbox or local (default: each lesson's lesson.yaml `host`, else sandbox)").choices(["sandbox", "local"])).addOption(engineOption()).addOption(lessonsOption()).option("--out <dir>", "output folder (default: out)").option("--templates <dir>", "templates folder (default: templates if this folder has one, else shellbook's own)").addOption(imagesOption()).addOption(pullOption()).option("--base <path>", "serve the site under this folder, as it will be published (default: /)", basePath).action((flags) => runDevCommand(flags, outcome));
}
async function runDevCommand(flags, outcome) {
  const { runDev } = await import("./dev-TAC6KMEJ.js");
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop).once("SIGTERM", stop);
  try {
    await runDev({
      port: flags.port,
      signal: controller.signal,
      log: writeErr,
      onListening: (url) => writeErr(`serving ${url} (live reload; Ctrl-C stops)`),
      build: {
        lessonsDir: flags.lessons,
        outDir: flags.out,
        templatesDir: flags.templates,
        imagesDir: flags.images,
        host: flags.host,
        engines: await enginesOf(flags.engine),
        pull: pullOf(flags.pull),
        address: { basePath: flags.base ?? "/", siteUrl: void 0 },
        // Another build of the same lessons (a second dev, a `build`) is waited for briefly.
        waitLockMs: 3e4
      }
    });
    outcome.exitCode = 0;
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "EADDRINUSE"))
      throw error;
    writeErr(`error  Unexpected port ${flags.port} in use on 127.0.0.1, expected a free one: pass --port <n> (0 = any free port)`);
    outcome.exitCode = 2;
  } finally {
    process.off("SIGINT", stop).off("SIGTERM", stop);
  }
}

// dist/cli/engine-commands.js
import path from "node:path";
async function eachEngine(values) {
  return await enginesOf(values) ?? [void 0];
}
var imagesDirOf = (dir) => dir === void 0 ? projectOrOwnFolder(buildDefaults.imagesDir) : path.resolve(dir);
function addHostsCommand(program, outcome) {
  program.command("hosts").description("the lesson host image sandboxes start from").command("build").description("build the lesson-host image from images/lesson-host/ (debootstrap, no registry); kept while its recipe is unchanged").addOption(engineOption()).addOption(imagesOption()).option("--force", "rebuild even when the engine has it from the same recipe").action(async (flags) => {
    const [{ buildStandIn, ensureImages, LESSON_HOST_IMAGE, MissingImageError }, { formatImageEvent }] = await Promise.all([import("./run-VW6FXKZF.js"), import("./progress-RJUOCXZ2.js")]);
    for (const endpoint of await eachEngine(flags.engine)) {
      const options = { imagesDir: imagesDirOf(flags.images), pull: false, onEvent: (event) => writeErr(formatImageEvent(event)), engine: endpoint };
      try {
        const [image] = flags.force ? [await buildStandIn(LESSON_HOST_IMAGE, options)] : await ensureImages([LESSON_HOST_IMAGE], options);
        writeErr(`${LESSON_HOST_IMAGE}  ${image.id}${endpoint === void 0 ? "" : `  on ${endpoint}`}`);
      } catch (error) {
        if (!(error instanceof MissingImageError))
          throw error;
        writeErr(`error  ${error.message}  missing-image`);
        outcome.exitCode = 1;
      }
    }
  });
}
function addCleanCommand(program, outcome) {
  program.command("clean").description("remove the containers, volumes and networks that builds killed before their cleanup left behind (their owner process is gone)").addOption(engineOption()).option("--all", "remove every shellbook resource, also those of builds still running").action(async (flags) => {
    const { EngineUnreachableError, probeEngine, reapOrphans, removeLabelled } = await import("./run-VW6FXKZF.js");
    for (const endpoint of await eachEngine(flags.engine)) {
      const where = endpoint ?? "the default engine";
      try {
        await probeEngine({ engine: endpoint });
      } catch (error) {
        if (!(error instanceof EngineUnreachableError))
          throw error;
        writeErr(`error  ${error.message}  engine-unreachable`);
        outcome.exitCode = 1;
        continue;
      }
      const removed = flags.all === true ? await removeLabelled(endpoint === void 0 ? { all: true } : { engine: endpoint, all: true }) : await reapOrphans({ engine: endpoint });
      writeErr(`removed ${removed.containers} container(s), ${removed.volumes} volume(s), ${removed.networks} network(s) ${flags.all === true ? "of shellbook" : "left by dead builds"} on ${where}`);
    }
  });
}
function addImagesCommand(program, outcome) {
  program.command("images").description("make images available: present, pulled, or built offline from images/<name>/ as stand-ins").argument("<name...>", "image names as lessons write them, e.g. redis:alpine busybox").addOption(imagesOption()).addOption(pullOption()).action(async (names, flags) => {
    const [{ ensureImages, MissingImageError }, { formatImageEvent }] = await Promise.all([import("./run-VW6FXKZF.js"), import("./progress-RJUOCXZ2.js")]);
    try {
      const images = await ensureImages(names, { imagesDir: imagesDirOf(flags.images), pull: pullOf(flags.pull), onEvent: (event) => writeErr(formatImageEvent(event)) });
      for (const image of images)
        writeErr(`${image.name}  ${image.id}${image.standIn ? "  (stand-in)" : ""}`);
    } catch (error) {
      if (!(error instanceof MissingImageError))
        throw error;
      writeErr(`error  ${error.message}  missing-image`);
      outcome.exitCode = 1;
    }
  });
}

// dist/cli.js
async function main(argv) {
  const outcome = { exitCode: 0 };
  const program = new Command().name("shellbook").description("Run every command of a Markdown lesson on a live Docker host and render localized pages with the real output.").version(packageVersion(), "-V, --version", "print the version of shellbook").exitOverride().configureOutput({ writeErr: writeErrText }).showHelpAfterError();
  addBuildCommand(program, outcome);
  addHostsCommand(program, outcome);
  addCheckCommand(program, outcome);
  addDevCommand(program, outcome);
  addCleanCommand(program, outcome);
  addImagesCommand(program, outcome);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError)
      return error.exitCode === 0 ? 0 : 2;
    if (!(error instanceof UnknownEngineError))
      throw error;
    writeErr(`error  ${error.message}  unknown-engine`);
    return 2;
  }
  return outcome.exitCode;
}
function packageVersion() {
  for (const up of ["../package.json", "../../package.json"]) {
    const url = new URL(up, import.meta.url);
    if (!existsSync(url))
      continue;
    const manifest = JSON.parse(readFileSync(url, "utf8"));
    if (manifest.name === "shellbook" && typeof manifest.version === "string")
      return manifest.version;
  }
  return "unknown";
}
export {
  main
};
