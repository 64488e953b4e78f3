import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  fails,
  messagesAsJson,
  printMessages
} from "./chunk-RCPA4G6J.js";
import "./chunk-TKJS3DQX.js";
import "./chunk-LUOQCD4D.js";
import "./chunk-NJ6BZCIB.js";
import "./chunk-2OD3M2GK.js";
import "./chunk-V4RWK56N.js";
export {
  fails,
  messagesAsJson,
  printMessages
};
