// files: the face of this subsystem; other folders import from here only.
export { writeFileAtomic, type WriteOptions } from './write-atomic.js'
export { createWriteQueue, type WriteQueue } from './write-queue.js'
export { acquireLock, type LockHolder, type LockOptions, type LockOutcome } from './lock.js'
export { displayPath } from './display-path.js'
export { projectOrOwnFolder } from './own-folder.js'
