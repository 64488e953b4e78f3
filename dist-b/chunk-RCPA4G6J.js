import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  writeErr
} from "./chunk-TKJS3DQX.js";
import {
  reporter
} from "./chunk-LUOQCD4D.js";
import {
  hasFatal,
  hasWarning
} from "./chunk-2OD3M2GK.js";

// dist/cli/print-messages.js
function printMessages(files, format, whenNone) {
  if (format === "json") {
    process.stdout.write(JSON.stringify(messagesAsJson(files), null, 2) + "\n");
    return;
  }
  const report = reporter(files, { quiet: true, verbose: true });
  if (report)
    writeErr(report);
  else if (whenNone !== void 0)
    writeErr(whenNone);
}
function fails(files, frail) {
  return hasFatal(files) || frail === true && hasWarning(files);
}
function messagesAsJson(files) {
  return files.flatMap((file) => file.messages.map((message) => ({
    file: file.path,
    line: message.line ?? null,
    column: message.column ?? null,
    endLine: message.place && "start" in message.place ? message.place.end.line : null,
    endColumn: message.place && "start" in message.place ? message.place.end.column : null,
    severity: message.fatal === true ? "error" : message.fatal === false ? "warning" : "info",
    ruleId: message.ruleId ?? null,
    source: message.source ?? null,
    reason: message.reason
  })));
}

export {
  printMessages,
  fails,
  messagesAsJson
};
