// `details.assets.<host>[]`: files of the scenario's `assets/` folder copied into the host
// before the lesson starts (`file` may be a glob, `target` a folder, `chmod` e.g. `+x`). They
// become one hidden cell: its command lists each file with its hash (so an edit re-runs the
// lesson), its body writes them through the terminal, which works on every host kind.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import type { VFile } from 'vfile'
import { quote } from 'zx/core'
import { error, warning } from '../../messages.js'
import { pointOfText } from '../point-of-text.js'
import type { IndexJson } from './index-json.js'
import type { ScriptCell } from './types.js'

/** Bytes of assets a lesson may copy in (they are typed through the terminal). */
export const MAX_ASSET_BYTES = 4 * 1024 * 1024

interface AssetFile {
  /** Path relative to the assets folder's glob base. */
  relative: string
  content: Buffer
  target: string
  chmod?: string | undefined
}

/** The assets cell, or undefined when the scenario has none (or they failed, with messages on index.json). */
export async function assetsScript(dir: string, index: IndexJson, indexFile: VFile): Promise<(ScriptCell & { files: Array<{ path: string; text: string }> }) | undefined> {
  const hosts = index.details.assets ?? {}
  const assetsDir = path.join(dir, 'assets')
  const files: AssetFile[] = []
  for (const [host, entries] of Object.entries(hosts)) {
    for (const entry of entries) {
      const at = pointOfText(indexFile, `"${entry.file}"`)
      const pattern = entry.file.replace(/^\/+/, '')
      if (pattern.split('/').includes('..')) {
        error(indexFile, `Unexpected asset \`${entry.file}\` of \`${host}\` outside the assets folder, expected a path inside \`assets/\``, at, 'scenario-file-missing')
        continue
      }
      const matches = (await glob(pattern, { cwd: assetsDir, onlyFiles: true, dot: true })).sort()
      if (matches.length === 0) {
        // Published scenarios name assets their repository lost: the lesson still runs without it.
        warning(indexFile, `Unexpected asset \`${entry.file}\` of \`${host}\` matching no file, expected files under \`assets/\`; nothing is copied for it`, at, 'scenario-file-missing')
        continue
      }
      const base = globBase(pattern)
      for (const match of matches) {
        files.push({ relative: path.posix.relative(base, match), content: await readFile(path.join(assetsDir, match)), target: entry.target, chmod: entry.chmod })
      }
    }
  }
  if (files.length === 0) return undefined
  const size = files.reduce((sum, file) => sum + file.content.length, 0)
  if (size > MAX_ASSET_BYTES) {
    error(indexFile, `Unexpected ${size} bytes of assets, expected at most ${MAX_ASSET_BYTES} (they are typed into the host's terminal)`, pointOfText(indexFile, '"assets"'), 'scenario-file-missing')
    return undefined
  }
  const described = files.map((file) => `# ${file.relative} → ${file.target}${file.chmod ? ` (chmod ${file.chmod})` : ''} sha256:${createHash('sha256').update(file.content).digest('hex').slice(0, 16)}`)
  const texts = files.map((file) => ({ path: file.relative, text: file.content.toString('utf8') }))
  return {
    files: texts,
    kind: 'assets',
    page: 'details.assets',
    name: 'assets/',
    command: ['# assets copied into the host', ...described].join('\n'),
    body: files.map(writeFile).join('\n'),
    origin: pointOfText(indexFile, '"assets"'),
  }
}

/** The folder part of a glob before its first wildcard: `app/*.js` → `app`. */
function globBase(pattern: string): string {
  const parts = pattern.split('/')
  const wild = parts.findIndex((part) => /[*?[\]{}]/.test(part))
  return wild === -1 ? parts.slice(0, -1).join('/') : parts.slice(0, wild).join('/')
}

/** Shell that writes one file at `target/relative` (`~` is the shell's home). */
function writeFile(file: AssetFile): string {
  const folder = file.target.replace(/\/+$/, '') || '/'
  const destination = targetWord(`${folder}/${file.relative}`)
  const chmod = file.chmod ? ` && chmod ${quote(file.chmod)} ${destination}` : ''
  return `mkdir -p "$(dirname ${destination})" && printf %s '${file.content.toString('base64')}' | base64 -d > ${destination}${chmod}`
}

/** A path for the shell: a leading `~` stays unquoted so it expands. */
function targetWord(target: string): string {
  if (target === '~') return '~'
  if (target.startsWith('~/')) return `~/${quote(target.slice(2))}`
  return quote(target)
}
