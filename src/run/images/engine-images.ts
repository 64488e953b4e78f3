// Images per engine, prepared once per build: workers sharing an engine wait on the same
// preparation instead of building the same stand-in twice at the same time.
import { ensureImages, type ImageEvent, type ImageOptions } from './ensure-images.js'
import type { ImageProvenance } from '../../captures/index.js'

export class EngineImages {
  private readonly pending = new Map<string, Promise<ImageProvenance>>()

  /** `endpoint`: the engine (DOCKER_HOST value), undefined for the environment's. */
  constructor(
    readonly endpoint: string | undefined,
    private readonly options: Pick<ImageOptions, 'imagesDir' | 'pull'> & { onEvent?: (event: ImageEvent) => void },
  ) {}

  /** Make `names` available on this engine, in order; throws MissingImageError like ensureImages. */
  async ensure(names: readonly string[], pull = this.options.pull): Promise<ImageProvenance[]> {
    const images: ImageProvenance[] = []
    for (const name of new Set(names)) images.push(await this.ensureOne(name, pull))
    return images
  }

  private ensureOne(name: string, pull: boolean | undefined): Promise<ImageProvenance> {
    let pending = this.pending.get(name)
    if (!pending) {
      pending = ensureImages([name], {
        engine: this.endpoint,
        ...(this.options.imagesDir === undefined ? {} : { imagesDir: this.options.imagesDir }),
        ...(pull === undefined ? {} : { pull }),
        ...(this.options.onEvent ? { onEvent: this.options.onEvent } : {}),
      }).then(([image]) => image!)
      // A failure is not cached: the next lesson asking says so again, at its own lesson.yaml.
      pending.catch(() => this.pending.delete(name))
      this.pending.set(name, pending)
    }
    return pending
  }
}
