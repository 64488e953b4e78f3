// `--engine` takes an endpoint or a docker context name; a context is looked up once.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endpointOf, UnknownEngineError } from '../../src/run/engine/endpoint.js'
import { skipWithoutEngine } from './engine-required.js'

const run = promisify(execFile)
const context = `shellbook-test-${process.pid}`

describe.skipIf(skipWithoutEngine)('engine endpoints', () => {
  beforeAll(() => run('docker', ['context', 'create', context, '--docker', 'host=unix:///run/shellbook-context-test.sock']))
  afterAll(() => run('docker', ['context', 'rm', '-f', context]))

  it('keeps an endpoint as written', async () => {
    expect(await endpointOf('unix:///var/run/docker.sock')).toBe('unix:///var/run/docker.sock')
  })

  it('turns a docker context name into its endpoint', async () => {
    expect(await endpointOf(context)).toBe('unix:///run/shellbook-context-test.sock')
  })

  it('refuses a name docker does not know, saying what it expected', async () => {
    await expect(endpointOf('no-such-context-here')).rejects.toThrow(UnknownEngineError)
    await expect(endpointOf('no-such-context-here')).rejects.toThrow(/expected an endpoint such as unix:\/\/\/run\/docker\.sock or a docker context name/)
  })
})
