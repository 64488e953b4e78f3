import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// dist/build-defaults.js
import os from "node:os";

// dist/render/sgr-replay.js
var sgr = /\u001b\[([0-9;:]*)m/g;
function sgrBefore(lines, index) {
  let since = [];
  for (let line = 0; line < index; line++) {
    const text = lines[line];
    if (!text.includes("\x1B"))
      continue;
    for (const match of text.matchAll(sgr)) {
      if (resets(match[1]))
        since = [];
      since.push(match[0]);
    }
  }
  return since.join("");
}
function resets(params) {
  const list = params.split(";");
  for (let index = 0; index < list.length; index++) {
    const param = list[index];
    if (param === "" || param === "0")
      return true;
    if (param === "38" || param === "48" || param === "58")
      index += list[index + 1] === "5" ? 2 : list[index + 1] === "2" ? 4 : 0;
  }
  return false;
}

// dist/render/output-lines.js
var defaultMaxLines = 200;
function chooseLines(screen, choice, maxLines) {
  if (screen === "")
    return [];
  const lines = screen.split("\n");
  if (lines.at(-1) === "")
    lines.pop();
  const pieces = [];
  let shown = 0;
  for (const [start, end] of keptRanges(lines.length, choice, maxLines)) {
    if (start >= end)
      continue;
    if (start > shown)
      pieces.push({ kind: "cut", count: start - shown });
    const replay = start > 0 && screen.includes("\x1B") ? sgrBefore(lines, start) : "";
    pieces.push({ kind: "lines", text: replay + lines.slice(start, end).join("\n") });
    shown = end;
  }
  if (shown < lines.length)
    pieces.push({ kind: "cut", count: lines.length - shown });
  return pieces;
}
function keptRanges(total, choice, maxLines) {
  const { head, tail, lines } = choice;
  const start = lines ? Math.min(total, lines.from - 1) : 0;
  const end = lines ? Math.min(total, lines.to ?? total) : total;
  if (head !== void 0 || tail !== void 0) {
    const first = head ?? 0;
    const last = tail ?? 0;
    if (first + last < end - start)
      return [[start, start + first], [end - last, end]];
    return [[start, end]];
  }
  if (!lines && maxLines > 0 && total > maxLines) {
    const first = Math.ceil(maxLines / 2);
    return [[0, first], [total - (maxLines - first), total]];
  }
  return [[start, end]];
}

// dist/build-defaults.js
var buildDefaults = { lessonsDir: "lessons", outDir: "out", templatesDir: "templates", imagesDir: "images", waitLockMs: 6e5, maxLines: defaultMaxLines };
function defaultJobs() {
  return Math.max(1, Math.min(os.availableParallelism() * 2, Math.floor(os.freemem() / 2 ** 29)));
}

export {
  defaultMaxLines,
  chooseLines,
  buildDefaults,
  defaultJobs
};
