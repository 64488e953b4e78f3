// `--engine` takes a Docker endpoint as DOCKER_HOST spells it (unix:///run/x.sock, tcp://…)
// or the name of a docker context, which is looked up once into its endpoint.
import { docker } from './docker.js'
import { UnknownEngineError } from './unknown-engine.js'

export { UnknownEngineError }

/** The DOCKER_HOST value for `value`; throws UnknownEngineError for a context docker does not know. */
export async function endpointOf(value: string): Promise<string> {
  if (value.includes('://')) return value
  const result = await docker(['context', 'inspect', '--format', '{{.Endpoints.docker.Host}}', value], { timeoutMs: 10_000 })
  const endpoint = result.stdout.trim()
  if (result.exitCode !== 0 || endpoint === '') {
    throw new UnknownEngineError(`Unexpected engine \`${value}\`, expected an endpoint such as unix:///run/docker.sock or a docker context name (\`docker context ls\`)`)
  }
  return endpoint
}
