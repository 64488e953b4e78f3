import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  DEFAULT_LOCAL_SHELL,
  EngineImages,
  EngineUnreachableError,
  LESSON_HOST_IMAGE,
  MissingImageError,
  ShellSession,
  buildStandIn,
  createLocalHost,
  createSandboxHost,
  currentBuildOwner,
  endpointOf,
  ensureImages,
  isOwnerAlive,
  networkHint,
  probeEngine,
  reapOrphans,
  recogniseNetworkFailure,
  removeLabelled,
  reportNoNetwork,
  runExecutions,
  runLesson
} from "./chunk-LN5KJFZT.js";
import {
  UnknownEngineError
} from "./chunk-AQOKNGIA.js";
import "./chunk-LA7SMQYS.js";
import "./chunk-V5KDF7BP.js";
import "./chunk-FZWPXLRH.js";
import "./chunk-F6MQOHON.js";
import "./chunk-2OD3M2GK.js";
import "./chunk-V4RWK56N.js";
export {
  DEFAULT_LOCAL_SHELL,
  EngineImages,
  EngineUnreachableError,
  LESSON_HOST_IMAGE,
  MissingImageError,
  ShellSession,
  UnknownEngineError,
  buildStandIn,
  createLocalHost,
  createSandboxHost,
  currentBuildOwner,
  endpointOf,
  ensureImages,
  isOwnerAlive,
  networkHint,
  probeEngine,
  reapOrphans,
  recogniseNetworkFailure,
  removeLabelled,
  reportNoNetwork,
  runExecutions,
  runLesson
};
