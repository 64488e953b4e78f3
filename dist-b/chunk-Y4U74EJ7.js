import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  SKIP,
  findCell,
  isElision,
  looksLikePrompt,
  visibleOutput,
  visit
} from "./chunk-V5KDF7BP.js";
import {
  francAll,
  location
} from "./chunk-FZWPXLRH.js";
import {
  error,
  excerpt,
  info,
  warning
} from "./chunk-2OD3M2GK.js";

// dist/check/prose-drift.js
import { stripVTControlCharacters } from "node:util";
var valuePattern = /\b(?:\d{1,3}(?:\.\d{1,3}){3}|\d{1,2}:\d{2}(?::\d{2})?|[0-9a-f]{12,64}|\d{3,})\b/g;
function checkProseDrift(tree, file, run, earlier) {
  const source = String(file.value);
  const place = location(file);
  const seen = [];
  visit(tree, (node) => {
    if (node.type === "execBlock" || node.type === "execInline") {
      for (const command of node.commands) {
        const captured = command.cellId === void 0 ? void 0 : run.cells[command.cellId];
        const output = captured && captured.status !== "norun" && captured.status !== "skipped" ? stripVTControlCharacters(captured.output) : void 0;
        const name = "attributes" in node ? node.attributes["name"] : void 0;
        if (command.sample !== void 0)
          seen.push({ command, name, copied: command.sample, from: "sample", output });
        const before = captured && earlier ? earlierCapture(earlier, captured) : void 0;
        if (before)
          seen.push({ command, name, copied: stripVTControlCharacters(before.output), from: "earlier", output });
      }
      return;
    }
    if (node.type !== "text" || node.position?.start.offset === void 0 || node.position.end.offset === void 0)
      return;
    const { start, end } = { start: node.position.start.offset, end: node.position.end.offset };
    for (const match of node.value.matchAll(valuePattern)) {
      const value = match[0];
      const from = seen.findLast((entry) => holdsToken(entry.copied, value));
      if (!from || from.output === void 0 || holdsToken(from.output, value))
        continue;
      const at = source.indexOf(value, start);
      const point = place.toPoint(at !== -1 && at < end ? at : start);
      if (!point)
        continue;
      const meant = counterpart(from.copied, from.output, value);
      const line = from.command.position.start.line;
      const origin = from.from === "sample" ? `the sample output of \`${excerpt(from.command.command)}\` (line ${line}), which the capture replaced` : `an earlier capture of \`${excerpt(from.command.command)}\` (line ${line}), which this run replaced`;
      const hint = meant === void 0 ? "bind it to the output with `:val[name]` and a lesson.yaml variable (`{cell, match}`), or write it out of the prose" : `the capture has \`${meant.value}\` there: write \`:val[name]\` and bind it in lesson.yaml with \`vars: {name: {cell: ${yamlScalar(from.name ?? from.command.command)}, match: ${yamlScalar(bindingPattern(meant.lead, meant.value, from.output))}}}\``;
      warning(file, `Unexpected \`${value}\` in prose, expected a value the real output holds: it comes from ${origin}, and the capture does not print it; ${hint}`, { start: point, end: { line: point.line, column: point.column + value.length } }, "prose-drift");
    }
  });
}
function holdsToken(text, value) {
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
    const before = text[at - 1] ?? " ";
    const after = text[at + value.length] ?? " ";
    if (!/[0-9A-Za-z]/.test(before) && !/[0-9A-Za-z]/.test(after))
      return true;
  }
  return false;
}
function counterpart(sample, output, value) {
  const line = sample.split("\n").find((candidate) => holdsToken(candidate, value));
  if (line === void 0)
    return void 0;
  const lead = line.slice(0, line.indexOf(value)).replace(/^.*?([^\d\s][^\d]{2,})$/, "$1");
  if (lead.trim().length < 3)
    return void 0;
  for (const candidate of output.split("\n")) {
    const at = candidate.indexOf(lead);
    if (at === -1)
      continue;
    const token = /^[0-9A-Za-z.:]+/.exec(candidate.slice(at + lead.length))?.[0];
    if (token !== void 0 && token !== value)
      return { value: token, lead };
  }
  return void 0;
}
function earlierCapture(earlier, now) {
  const same = earlier.cells[now.cellId];
  if (same && same.command === now.command)
    return same;
  return Object.values(earlier.cells).find((capture) => capture.command === now.command);
}
function bindingPattern(lead, value, output) {
  const word = (lead.split(/\s+/).at(-1) ?? "").replace(/^['"`(]+/, "");
  const pattern = (text) => `${escapeRegExp(text)}([0-9A-Za-z.:]+)`;
  const short = pattern(word);
  return word.length >= 3 && new RegExp(short, "m").exec(output)?.[1] === value ? short : pattern(lead);
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function yamlScalar(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

// dist/check/claims/claim-match.js
var CONTEXT_LINES = 2;
function matchClaim(claim, output) {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(claim);
  const outputLines = linesOf(output);
  if (regex) {
    const flags = regex[2].includes("m") ? regex[2] : `${regex[2]}m`;
    if (new RegExp(regex[1], flags).test(outputLines.join("\n")))
      return { held: true };
    return { held: false, diff: [`- ${claim}`, ...outputLines.slice(0, 12).map((line) => `+ ${line}`), ...outputLines.length > 12 ? ["+ \u2026"] : []].join("\n") };
  }
  const claimLines = linesOf(claim);
  if (holds(claimLines, outputLines))
    return { held: true };
  return { held: false, diff: nearestDiff(claimLines, outputLines) };
}
function linesOf(text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === "")
    lines.pop();
  return lines;
}
var isAnyLines = (line) => line.trim() === "...";
function lineMatches(claimLine, line) {
  if (!claimLine.includes("[..]"))
    return claimLine === line;
  const pattern = claimLine.split("[..]").map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${pattern}$`, "s").test(line);
}
function holds(claim, output) {
  const failed = /* @__PURE__ */ new Set();
  const from = (c, o) => {
    if (c === claim.length)
      return true;
    const key = c * (output.length + 1) + o;
    if (failed.has(key))
      return false;
    const ok = isAnyLines(claim[c]) ? Array.from({ length: output.length - o + 1 }, (_, skip) => o + skip).some((next) => from(c + 1, next)) : o < output.length && lineMatches(claim[c], output[o]) && from(c + 1, o + 1);
    if (!ok)
      failed.add(key);
    return ok;
  };
  for (let start = 0; start <= output.length; start++)
    if (from(0, start))
      return true;
  return false;
}
function nearestDiff(claim, output) {
  const wanted = claim.filter((line) => !isAnyLines(line));
  let best = { start: 0, score: -1 };
  for (let start = 0; start < Math.max(1, output.length); start++) {
    const score = wanted.filter((line, index) => output[start + index] !== void 0 && lineMatches(line, output[start + index])).length;
    if (score > best.score)
      best = { start, score };
  }
  const lines = output.slice(Math.max(0, best.start - CONTEXT_LINES), best.start).map((line) => `  ${line}`);
  wanted.forEach((line, index) => {
    const actual = output[best.start + index];
    if (actual !== void 0 && lineMatches(line, actual))
      lines.push(`  ${actual}`);
    else
      lines.push(`- ${line}`, ...actual === void 0 ? [] : [`+ ${actual}`]);
  });
  if (output.length === 0)
    lines.push("+ (no output)");
  return lines.join("\n");
}

// dist/check/claims/check-claims.js
function checkClaims(plan, run, { lessonClaims }) {
  const claimed = [];
  for (const cell of plan.cells)
    if (cell.options.claim !== void 0)
      claimed.push({ cell, claim: cell.options.claim, from: "its `claim`" });
  if (lessonClaims) {
    for (const [reference, claims] of Object.entries(plan.config.claims)) {
      const cell = findCell(plan.cells, reference);
      if (cell)
        for (const claim of claims)
          claimed.push({ cell, claim, from: "lesson.yaml `claims`" });
    }
  }
  for (const { cell, claim, from } of claimed) {
    const capture = run.cells[cell.id];
    if (!capture || capture.status === "skipped" || capture.status === "norun")
      continue;
    const outcome = matchClaim(claim, visibleOutput(capture));
    if (outcome.held)
      continue;
    error(plan.file, `Unexpected output of \`${excerpt(capture.command)}\`, expected it to hold \`${excerpt(claim)}\` (${from})`, cell.position, "claim-failed", { note: outcome.diff });
  }
}

// dist/check/sample-changes.js
import { stripVTControlCharacters as stripVTControlCharacters2 } from "node:util";
function checkSampleChanges(tree, file, run) {
  visit(tree, (node) => {
    if (node.type !== "execBlock" && node.type !== "execInline")
      return;
    for (const command of node.commands) {
      const captured = command.cellId === void 0 ? void 0 : run.cells[command.cellId];
      if (command.sample === void 0 || !captured || captured.status === "norun" || captured.status === "skipped")
        continue;
      const real = new Set(stripVTControlCharacters2(captured.output).split("\n").map(normal));
      const gone = command.sample.split("\n").filter((line) => line.trim() !== "" && !isElision(line) && !real.has(normal(line)));
      if (gone.length === 0)
        continue;
      const count = gone.length === 1 ? "a line" : `${gone.length} lines`;
      info(file, `Unexpected sample output of \`${excerpt(command.command)}\`: it shows ${count} the machine no longer prints (first: \`${excerpt(gone[0].trim(), 60)}\`), expected the sample to be output that still happens: write the real output in, or \`...\` for lines left out`, command.position, "sample-changed");
    }
  });
}
function normal(line) {
  return line.trim().replace(/\b[0-9a-f]{12,64}\b/g, "0").replace(/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g, "Mon").replace(/\d+(?:[.:]\d+)*/g, "0").replace(/\s+/g, " ");
}

// dist/check/glued-markers.js
function checkGluedMarkers(tree, file) {
  const source = String(file.value);
  visit(tree, "execInline", (node) => {
    const start = node.position?.end;
    const end = node.gluedAt;
    if (!start || !end)
      return;
    const word = end.offset === void 0 ? "" : source.slice(end.offset, end.offset + 2);
    if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word))
      return;
    const marker = start.offset === void 0 || end.offset === void 0 ? "{{execute}}" : source.slice(start.offset, end.offset);
    warning(file, `Unexpected word glued to \`${marker}\`, expected a space after the marker`, { start, end }, "glued-marker");
  });
}

// dist/check/function-words.js
var functionWords = {
  fra: new Set("le la les un une des du de au aux et ou o\xF9 est sont \xEAtre \xE9t\xE9 pour dans sur sous avec par que qui ne pas nous vous il ils elle elles ce cet cette ces sa ses leur leurs mais si tous tout toute toutes peut peuvent pouvez avez avons fait faire comme chaque aussi puis entre alors donc lui notre votre nos vos cela \xE7a voir".split(" ")),
  eng: new Set("the of to and is are was were be been with for you your it its this that these those they them their we our us can could will would should from at by if or not what who which how when where why there here has have had an as all any in into under than so just also each every some other only see use find about out up do does then after before now more most likely".split(" "))
};
var frenchSpelling = /^(?:[cdjlmnst]|qu)['’]\p{L}|[àâæçéèêëîïôœùûüÿ]/iu;
var englishSpelling = /\p{L}['’](?:s|t|re|ve|ll|d|m)$/iu;
function evidenceFor(words, language) {
  if (language === "cmn")
    return 0;
  const spelling = language === "fra" ? frenchSpelling : englishSpelling;
  return words.filter((word) => functionWords[language].has(word.toLowerCase()) || spelling.test(word)).length;
}

// dist/check/prose-pieces.js
var wrappers = /* @__PURE__ */ new Set(["emphasis", "strong", "delete", "link", "linkReference"]);
var MIN_PIECE_WORDS = 4;
function prosePieces(tree, file) {
  const source = String(file.value);
  const place = location(file);
  const locate = (offset) => place.toPoint(offset) ?? { line: 1, column: 1 };
  const pieces = [];
  let block = 0;
  visit(tree, (node) => {
    if (node.type !== "paragraph" && node.type !== "heading" && node.type !== "tableCell")
      return;
    const spans = textRuns(node, source).flatMap((run) => mergeShort(run.text, splitRun(run)).map((span) => ({ run, span })));
    for (const { run, span } of spans) {
      const position = spanPosition(run, span, locate);
      if (position)
        pieces.push({ text: run.text.slice(span.start, span.end), position, whole: spans.length === 1, block });
    }
    block++;
    return SKIP;
  });
  return pieces;
}
function wordCount(text) {
  return (text.match(/\p{Script=Han}|[\p{L}\p{M}'’-]{2,}/gu) ?? []).length;
}
function textRuns(block, source) {
  const runs = [];
  let current = { text: "", offsets: [] };
  const flush = () => {
    if (current.text.trim() !== "")
      runs.push(current);
    current = { text: "", offsets: [] };
  };
  const walk = (children) => {
    for (const child of children) {
      if (child.type === "text")
        append(current, child.value, child.position?.start.offset, child.position?.end.offset, source);
      else if (child.type === "break")
        append(current, "\n", void 0, void 0, source);
      else if (wrappers.has(child.type) && "children" in child)
        walk(child.children);
      else
        flush();
    }
  };
  walk(block.children);
  flush();
  return runs;
}
function append(run, value, start, end, source) {
  let at = start ?? -1;
  for (const char of value) {
    if (at >= 0 && end !== void 0) {
      let probe = at;
      while (probe < end && !source.startsWith(char, probe))
        probe++;
      if (probe < end)
        at = probe;
    }
    run.text += char;
    for (let index = 0; index < char.length; index++)
      run.offsets.push(at < 0 ? -1 : at + index);
    if (at >= 0)
      at += char.length;
  }
}
function splitRun(run) {
  const spans = [];
  const boundary = /[.!?;](?=\s)|[。！？；]|\n/g;
  let start = 0;
  for (const match of run.text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    pushTrimmed(spans, run.text, start, end);
    start = end;
  }
  pushTrimmed(spans, run.text, start, run.text.length);
  return spans;
}
function pushTrimmed(spans, text, start, end) {
  while (start < end && /\s/.test(text[start]))
    start++;
  while (end > start && /\s/.test(text[end - 1]))
    end--;
  if (end > start)
    spans.push({ start, end });
}
function mergeShort(text, spans) {
  const short = (span) => wordCount(text.slice(span.start, span.end)) < MIN_PIECE_WORDS;
  const merged = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && (short(span) || short(previous)))
      previous.end = span.end;
    else
      merged.push({ ...span });
  }
  return merged;
}
function spanPosition(run, span, locate) {
  const offsets = run.offsets.slice(span.start, span.end).filter((offset) => offset >= 0);
  const first = offsets[0];
  const last = offsets.at(-1);
  if (first === void 0 || last === void 0)
    return void 0;
  return { start: locate(first), end: locate(last + 1) };
}

// dist/check/detect-language.js
var localeLanguages = { fr: "fra", en: "eng", zh: "cmn" };
var languageNames = { fra: "French", eng: "English", cmn: "Chinese" };
var TOO_CLOSE = 0.95;
function detectLanguage(text, expected, whole) {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const words = proseWords(text);
  if (han > 0 && (expected === "cmn" || han >= 2 && han >= words.length))
    return "cmn";
  if (words.length < 2 || words.length < MIN_PIECE_WORDS && !whole)
    return void 0;
  const [first, second] = francAll(words.join(" "), { only: ["fra", "eng"], minLength: 0 });
  if (!first || first[0] === "und" || second && second[1] > TOO_CLOSE)
    return void 0;
  const verdict = first[0] === "fra" ? "fra" : "eng";
  if (verdict === expected)
    return verdict;
  const support = evidenceFor(words, verdict);
  if (support < evidenceFor(words, expected) || support === 0 && verdict !== "eng")
    return void 0;
  return verdict;
}
function proseWords(text) {
  return text.split(/\s+/).map((token) => token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "")).filter((word) => /\p{L}{2}/u.test(word) && !/[\d/\\_=$<>@#|~{}[\]*:.]/u.test(word) && !/^\p{Lu}{2,}s?$/u.test(word));
}

// dist/check/prose-language.js
function checkProseLanguage(tree, file, locale) {
  const expected = localeLanguages[locale.split("-")[0]];
  if (!expected)
    return;
  const found = [];
  prosePieces(tree, file).forEach((piece, index) => {
    const language = detectLanguage(piece.text, expected, piece.whole);
    if (language === void 0 || language === expected)
      return;
    const previous = found.at(-1);
    if (previous?.language === language && previous.block === piece.block && previous.last === index - 1) {
      previous.position.end = piece.position.end;
      previous.last = index;
    } else {
      found.push({ language, block: piece.block, last: index, position: { ...piece.position } });
    }
  });
  for (const { language, position } of found) {
    warning(file, `Unexpected ${languageNames[language]} prose in a \`${locale}\` lesson, expected ${languageNames[expected]} (untranslated?)`, position, "untranslated-prose");
  }
}

// dist/check/prompts-not-run.js
function checkPromptsNotRun(tree, file) {
  visit(tree, "code", (node) => {
    const lines = node.value.split("\n");
    const index = lines.findIndex(looksLikePrompt);
    if (index === -1 || !node.position)
      return;
    const line = node.position.start.line + 1 + index;
    warning(file, `Unexpected prompt line \`${lines[index].slice(0, 60)}\` in a block that does not run, expected a console block (a \`console\` or \`bash\` fence whose first line is a prompt) to run it, or no prompt: the page shows this block as written, not run`, { start: { line, column: 1 }, end: { line, column: lines[index].length + 1 } }, "prompt-not-run");
  });
}

// dist/check/index.js
function lintLesson(tree, file, locale) {
  checkGluedMarkers(tree, file);
  checkProseLanguage(tree, file, locale);
  checkPromptsNotRun(tree, file);
}

export {
  checkProseDrift,
  checkClaims,
  checkSampleChanges,
  lintLesson
};
