import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  enginesOf,
  pullOf
} from "./chunk-MF2ZOODH.js";
import {
  fails,
  printMessages
} from "./chunk-RCPA4G6J.js";
import {
  writeErr
} from "./chunk-TKJS3DQX.js";
import {
  build,
  describeHolder,
  displayDir
} from "./chunk-D75ZSFDG.js";
import {
  buildDefaults
} from "./chunk-KAQQPUAR.js";
import {
  createLiveProgress,
  createRunProgress,
  formatImageEvent
} from "./chunk-WJWLVX7B.js";
import "./chunk-LN5KJFZT.js";
import "./chunk-AQOKNGIA.js";
import "./chunk-LA7SMQYS.js";
import "./chunk-LUOQCD4D.js";
import "./chunk-NJ6BZCIB.js";
import "./chunk-Y4U74EJ7.js";
import "./chunk-V5KDF7BP.js";
import "./chunk-FZWPXLRH.js";
import "./chunk-F6MQOHON.js";
import {
  hasWarning
} from "./chunk-2OD3M2GK.js";
import "./chunk-V4RWK56N.js";

// dist/cli/build-action.js
import path from "node:path";
async function runBuild(slugs, flags, outcome) {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop).once("SIGTERM", stop);
  const progress = process.stderr.isTTY && (process.stderr.rows ?? 0) > 0 && !process.env["CI"] ? createLiveProgress(process.stderr) : createRunProgress(writeErr);
  let warned = false;
  const onEvent = (event) => {
    if (event.kind === "captures-stale" && event.host === "local" && !warned) {
      warned = true;
      progress.line("warning: --host local runs the lessons on this machine's own Docker engine and shell, one at a time");
    }
    progress.onEvent(event);
  };
  const lessonsDir = path.resolve(flags.lessons ?? buildDefaults.lessonsDir);
  const waitLockMs = flags.waitLock ?? buildDefaults.waitLockMs;
  try {
    const result = await build({
      lessonsDir: flags.lessons,
      outDir: flags.out,
      templatesDir: flags.templates,
      imagesDir: flags.images,
      slugs,
      host: flags.host,
      jobs: flags.jobs,
      engines: await enginesOf(flags.engine),
      shard: flags.shard,
      refresh: flags.refresh === true,
      keepGoing: flags.keepGoing === true,
      updateSamples: flags.updateSamples === true,
      pull: pullOf(flags.pull),
      waitLockMs: flags.waitLock,
      maxLines: flags.maxLines,
      address: { basePath: flags.base ?? "/", siteUrl: flags.siteUrl },
      onLockWait: (holder) => progress.line(`waiting for ${describeHolder(holder)} to finish with ${displayDir(lessonsDir)} (up to ${waitLockMs / 1e3} s, --wait-lock)`),
      signal: controller.signal,
      onEvent,
      onImageEvent: (event) => progress.line(formatImageEvent(event))
    });
    progress.stop();
    printMessages(result.files, flags.format);
    writeErr(summaryLine(result, flags.frail === true, flags.format === "json" ? "on stdout" : "above"));
    outcome.exitCode = controller.signal.aborted ? 130 : fails(result.files, flags.frail) ? 1 : 0;
  } finally {
    progress.stop();
    process.off("SIGINT", stop).off("SIGTERM", stop);
  }
}
function summaryLine(result, frail, where) {
  const out = displayDir(result.outDir);
  if (result.ok && frail && hasWarning(result.files))
    return `build failed: warnings fail it with --frail, see the messages ${where}; the pages are rendered in ${out}`;
  if (result.ok)
    return `built ${result.report.lessons.length} lesson page(s) into ${out}`;
  const ran = result.lessons.filter((lesson) => lesson.run !== void 0).length;
  return ran > 0 ? `build failed: see the messages ${where}; what was captured is rendered in ${out}` : `build failed: see the messages ${where}; no lesson ran`;
}
export {
  runBuild
};
