import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// dist/run/engine/unknown-engine.js
var UnknownEngineError = class extends Error {
  name = "UnknownEngineError";
};

export {
  UnknownEngineError
};
