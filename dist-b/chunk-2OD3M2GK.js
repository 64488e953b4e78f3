import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// dist/messages.js
var messageSource = "shellbook";
var MAX_MESSAGES_PER_RULE = 100;
function error(file, reason, place, ruleId, options = {}) {
  return stamp(file, reason, place, ruleId, options, true);
}
function warning(file, reason, place, ruleId, options = {}) {
  return stamp(file, reason, place, ruleId, options, false);
}
function info(file, reason, place, ruleId, options = {}) {
  return stamp(file, reason, place, ruleId, options, void 0);
}
function hasFatal(files) {
  return files.some((file) => file.messages.some((message) => message.fatal === true));
}
function hasWarning(files) {
  return files.some((file) => file.messages.some((message) => message.fatal === false));
}
function excerpt(text, max = 80) {
  const line = text.replace(/\r?\n/g, " \u23CE ");
  return line.length > max ? `${line.slice(0, max - 1)}\u2026` : line;
}
function stamp(file, reason, place, ruleId, options, fatal) {
  const counts = file.data.ruleCounts ??= {};
  const count = counts[ruleId] = (counts[ruleId] ?? 0) + 1;
  if (count === MAX_MESSAGES_PER_RULE + 1) {
    const more = file.message(`Unexpected more than ${MAX_MESSAGES_PER_RULE} \`${ruleId}\` problems in this file, expected fewer; the others are not listed`, { place, ruleId, source: messageSource });
    more.fatal = fatal;
  }
  if (count > MAX_MESSAGES_PER_RULE)
    return void 0;
  const message = file.message(reason, { place, ruleId, source: messageSource });
  message.fatal = fatal;
  if (options.note !== void 0 && options.note !== "")
    message.note = options.note;
  return message;
}

// node_modules/unist-util-stringify-position/lib/index.js
function stringifyPosition(value) {
  if (!value || typeof value !== "object") {
    return "";
  }
  if ("position" in value || "type" in value) {
    return position(value.position);
  }
  if ("start" in value || "end" in value) {
    return position(value);
  }
  if ("line" in value || "column" in value) {
    return point(value);
  }
  return "";
}
function point(point2) {
  return index(point2 && point2.line) + ":" + index(point2 && point2.column);
}
function position(pos) {
  return point(pos && pos.start) + "-" + point(pos && pos.end);
}
function index(value) {
  return value && typeof value === "number" ? value : 1;
}

export {
  stringifyPosition,
  error,
  warning,
  info,
  hasFatal,
  hasWarning,
  excerpt
};
