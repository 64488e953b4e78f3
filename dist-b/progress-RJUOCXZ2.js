import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  createLiveProgress,
  createRunProgress,
  formatImageEvent,
  formatRunEvent
} from "./chunk-WJWLVX7B.js";
import "./chunk-LN5KJFZT.js";
import "./chunk-AQOKNGIA.js";
import "./chunk-LA7SMQYS.js";
import "./chunk-NJ6BZCIB.js";
import "./chunk-V5KDF7BP.js";
import "./chunk-FZWPXLRH.js";
import "./chunk-F6MQOHON.js";
import "./chunk-2OD3M2GK.js";
import "./chunk-V4RWK56N.js";
export {
  createLiveProgress,
  createRunProgress,
  formatImageEvent,
  formatRunEvent
};
