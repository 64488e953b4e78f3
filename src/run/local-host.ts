// The `local` host: this machine's own engine and shell. Opt-in, because lessons run
// things like `apt-get install`. Containers the lesson creates are removed after it,
// even when it fails; a name the lesson needs that is already taken is refused first,
// so a lesson never stomps on the user's own containers.
import { containersCreatedBy } from '../plan/plan-lesson.js'
import type { LessonPlan } from '../plan/types.js'
import { docker } from './docker.js'
import { HostError, type Host } from './host.js'
import { LABELS } from './labels.js'
import { DEFAULT_LOCAL_SHELL } from './session.js'

export function createLocalHost(plan: LessonPlan): Host {
  let existing = new Set<string>()
  return {
    kind: 'local',
    shell: DEFAULT_LOCAL_SHELL,
    async start() {
      existing = new Set(await containerIds())
      for (const cell of plan.cells) {
        for (const name of containersCreatedBy(cell.command)) {
          if (!(await containerExists(name))) continue
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
      const sandboxes = new Set(await containerIds(['--filter', `label=${LABELS.build}`]))
      const created = (await containerIds()).filter((id) => !existing.has(id) && !sandboxes.has(id))
      if (created.length > 0) await docker(['rm', '-f', '-v', ...created])
    },
  }
}

async function containerIds(filters: string[] = []): Promise<string[]> {
  const result = await docker(['ps', '-a', '-q', '--no-trunc', ...filters])
  return result.stdout.split('\n').filter(Boolean)
}

async function containerExists(name: string): Promise<boolean> {
  const result = await docker(['ps', '-a', '-q', '--filter', `name=^/${name}$`])
  return result.stdout.trim() !== ''
}
