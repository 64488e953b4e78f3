// probeEngine's error when nothing answers: needs only the docker CLI (or not even that), no engine.
import { describe, expect, it } from 'vitest'
import { EngineUnreachableError, probeEngine } from '../src/run/engine/probe.js'

describe('probeEngine without an engine', () => {
  it('says how to start one', async () => {
    const error = await probeEngine({ engine: 'unix:///run/shellbook-no-engine.sock' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(EngineUnreachableError)
    expect((error as Error).message).toMatch(/^Unexpected (unreachable Docker engine at unix:\/\/\/run\/shellbook-no-engine\.sock, expected a running engine: start one with `dockerd|missing `docker` command)/)
  })
})
