// A terminal a lesson types into: one persistent interactive shell in a pseudo-terminal.
export { DEFAULT_LOCAL_SHELL, SESSION_DEFAULTS, type CommandResult, type LeftRunning, type RunOptions, type SessionOptions } from './options.js'
export { ShellSession } from './session.js'
