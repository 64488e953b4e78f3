// files: the face of this subsystem; other folders import from here only.
export { writeFileAtomic, writePageFile, type WriteOptions } from './write-atomic.js'
export { acquireLock, type LockHolder, type LockOptions, type LockOutcome } from './lock.js'
export { displayPath } from './display-path.js'
export { projectOrOwnFolder } from './own-folder.js'
