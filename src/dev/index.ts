// dev: the face of `shellbook dev` (a server with live reload over repeated builds).
export { runDev, type DevOptions } from './dev-loop.js'
export { startDevServer, type DevServer, type DevEvent } from './dev-server.js'
