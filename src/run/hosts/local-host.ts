// The `local` host: this machine's own engine and shell. Opt-in, because lessons run
// things like `apt-get install`. Containers the lesson creates are removed after it,
// even when it fails; a name the lesson needs that is already taken is refused first,
// so a lesson never stomps on the user's own containers.
import os from 'node:os'
import { containersCreatedBy, pointOfText, type LessonPlan } from '../../plan/index.js'
import { docker, LABELS, type DockerOptions } from '../engine/index.js'
import { HostError, type Host } from './host.js'
import { DEFAULT_LOCAL_SHELL, SESSION_DEFAULTS } from '../session/index.js'
import { warning } from '../../messages.js'

/** Options of `createLocalHost`. */
export interface LocalHostOptions {
  /** The engine the lesson's shell and the cleanup talk to (`DOCKER_HOST`); default: the environment's. */
  engine?: string | undefined

}

export function createLocalHost(plan: LessonPlan, options: LocalHostOptions = {}): Host {
  const call: DockerOptions = { engine: options.engine }
  let existing = new Set<string>()
  return {
    kind: 'local',
    // Through a plain `sh` that stays its parent: `/proc/$PPID/environ` then shows that sh's
    // clean environment, not the build process's.
    shell: ['sh', '-c', '"$@"; exit $?', 'sh', ...DEFAULT_LOCAL_SHELL],
    // Nothing of the build: a standard PATH, the user's home as working directory.
    env: { PATH: SESSION_DEFAULTS.path, ...(options.engine === undefined ? {} : { DOCKER_HOST: options.engine }) },
    cwd: os.homedir(),
    async start() {
      warnOfHostname(plan)
      const before = await listContainers(call)
      existing = new Set(before.map(({ id }) => id))
      const taken = new Set(before.flatMap(({ names }) => names))
      for (const cell of plan.cells) {
        for (const name of containersCreatedBy(cell.command)) {
          if (!taken.has(name)) continue
          throw new HostError(
            `Unexpected existing container \`${name}\` on this machine's engine, expected none: the lesson creates it here; remove it with \`docker rm -f ${name}\``,
            'container-exists',
            cell.position.start,
          )
        }
      }
    },
    async stop() {
      // Sandboxes of the same build run beside a local lesson on this engine: never the lesson's to remove.
      const created = (await listContainers(call)).filter(({ id, sandbox }) => !existing.has(id) && !sandbox).map(({ id }) => id)
      if (created.length > 0) await docker(['rm', '-f', '-v', ...created], call)
    },
  }
}

/** lesson.yaml `hostname` names a sandbox: this machine keeps its own name (renaming it is not a lesson's to do). Said once per lesson. */
function warnOfHostname(plan: LessonPlan): void {
  const { hostname } = plan.config
  const file = plan.configFile
  if (hostname === undefined || file.messages.some((message) => message.ruleId === 'hostname-ignored')) return
  warning(
    file,
    `Unexpected \`hostname: ${hostname}\` on the local host, expected a sandbox host: the local host cannot rename this machine, so commands print \`${os.hostname()}\``,
    pointOfText(file, 'hostname:'),
    'hostname-ignored',
  )
}

/** Every container on the engine: its id, its names, whether a sandbox of a build made it (one `docker` call). */
async function listContainers(call: DockerOptions): Promise<Array<{ id: string; names: string[]; sandbox: boolean }>> {
  const result = await docker(['ps', '-a', '--no-trunc', '--format', `{{.ID}}\t{{.Names}}\t{{.Label "${LABELS.build}"}}`], call)
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id = '', names = '', build = ''] = line.split('\t')
      return { id: id.trim(), names: names.trim().split(','), sandbox: build.trim() !== '' }
    })
}
