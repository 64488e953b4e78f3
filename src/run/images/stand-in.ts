// Build a stand-in image from an offline recipe: build.sh fills a rootfs, tar, `docker import`.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { $ } from 'zx/core'
import { docker, dockerFailure, lastLines } from '../engine/index.js'
import { MissingImageError } from './missing-image-error.js'
import { importChanges, type Recipe } from './recipe.js'

/** Options of `importStandIn`. */
export interface StandInOptions {
  /** Engine endpoint (`DOCKER_HOST`); default: the environment's. */
  engine?: string | undefined
  /** Time allowed for each build.sh (it downloads Debian packages); default 600 000 ms. */
  buildTimeoutMs?: number | undefined
}

/** Build `recipe` and import it tagged `name`; returns the image id. */
export async function importStandIn(name: string, recipe: Recipe, options: StandInOptions = {}): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'shellbook-stand-in-'))
  try {
    const rootfs = path.join(work, 'rootfs')
    const tarball = path.join(work, 'rootfs.tar')
    await mkdir(rootfs)
    const buildTimeoutMs = options.buildTimeoutMs ?? 600_000
    for (const dir of recipe.chain) {
      const build = await $({ nothrow: true, quiet: true, verbose: false, cwd: dir, timeout: buildTimeoutMs })`bash ./build.sh ${rootfs}`
      if (build.exitCode !== 0) {
        const said =
          build.exitCode === null
            ? `killed by ${build.signal ?? 'a signal'}, time limit ${buildTimeoutMs} ms`
            : lastLines(build.stderr, 3) || `exit status ${build.exitCode}`
        throw new MissingImageError(name, 'build-failed', `Unexpected failure of ${path.basename(dir)}/build.sh for \`${name}\`, expected it to fill the rootfs`, said)
      }
    }
    // Root-owned files whoever builds, as in a pulled image; a file, not a pipe, so tar's own failure is seen.
    const tar = await $({ nothrow: true, quiet: true, verbose: false })`tar --numeric-owner --owner=0 --group=0 -C ${rootfs} -cf ${tarball} .`
    if (tar.exitCode !== 0) {
      throw new MissingImageError(name, 'build-failed', `Unexpected failure of tar for \`${name}\`, expected a rootfs archive`, lastLines(tar.stderr, 2))
    }
    const changes = importChanges(recipe).flatMap((change) => ['--change', change])
    const message = `shellbook stand-in built from images/${recipe.name}/`
    const call = { timeoutMs: 300_000, engine: options.engine }
    const imported = await docker(['import', ...changes, '--message', message, tarball, name], call)
    if (imported.exitCode !== 0) {
      throw new MissingImageError(name, 'build-failed', `Unexpected failure of \`docker import\` for \`${name}\`, expected an image`, dockerFailure(imported))
    }
    return imported.stdout.trim()
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
