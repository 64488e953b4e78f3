import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// dist/cli/output.js
var ignoreError = () => {
};
function writeErrText(text) {
  if (!process.stderr.listeners("error").includes(ignoreError))
    process.stderr.on("error", ignoreError);
  if (process.stderr.destroyed || !process.stderr.writable)
    return;
  process.stderr.write(text);
}
function writeErr(line) {
  writeErrText(line + "\n");
}

export {
  writeErrText,
  writeErr
};
