// Its own module: the CLI catches it around every command, so it must load without the docker CLI wrapper (zx).
export class UnknownEngineError extends Error {
  override name = 'UnknownEngineError'
}
