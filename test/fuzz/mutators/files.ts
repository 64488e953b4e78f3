// File-system oddities a lessons folder can hold: a folder where a file should be, broken and
// looping symlinks, unreadable files, folders with no lesson.yaml, odd folder and file names.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { file, filesMatching, slugsOf, textOf, type Folder } from '../folder.js'
import type { Rng } from '../prng.js'
import { markdownFile, type Mutator } from './mutator.js'

function pickSlug(folder: Folder, rng: Rng): string | undefined {
  const slugs = slugsOf(folder)
  return slugs.length === 0 ? undefined : rng.pick(slugs)
}

const dirInstead: Mutator = {
  name: 'dir-instead',
  weight: 3,
  apply(folder, rng) {
    const slug = pickSlug(folder, rng)
    if (slug === undefined) return undefined
    const name = `${slug}/${rng.pick(['lesson.yaml', 'fr.md', 'en.md', 'captures.json'])}`
    folder.delete(name)
    if (rng.chance(0.5)) folder.set(`${name}/inner.txt`, file('a file inside\n'))
    else folder.set(name, { kind: 'dir' })
    return `dir-instead ${name}`
  },
}

const brokenLink: Mutator = {
  name: 'broken-symlink',
  weight: 3,
  apply(folder, rng) {
    const slug = pickSlug(folder, rng)
    if (slug === undefined) return undefined
    const name = `${slug}/${rng.pick(['de.md', 'lesson.yaml', 'captures.json', 'fr.md'])}`
    folder.delete(name)
    folder.set(name, { kind: 'symlink', target: '/nonexistent' })
    return `broken-symlink ${name}`
  },
}

const linkLoop: Mutator = {
  name: 'symlink-loop',
  weight: 3,
  apply(folder, rng) {
    const slug = pickSlug(folder, rng)
    if (slug === undefined) return undefined
    const kind = rng.pick(['self', 'pair', 'to-folder', 'yaml-to-folder'] as const)
    if (kind === 'self') {
      const name = rng.pick(['it.md', 'lesson.yaml', 'captures.json'])
      folder.delete(`${slug}/${name}`)
      folder.set(`${slug}/${name}`, { kind: 'symlink', target: name })
      return `symlink-loop(self) ${slug}/${name}`
    }
    if (kind === 'pair') {
      folder.set(`${slug}/es.md`, { kind: 'symlink', target: 'pt.md' })
      folder.set(`${slug}/pt.md`, { kind: 'symlink', target: 'es.md' })
      return `symlink-loop(pair) ${slug}/es.md`
    }
    if (kind === 'to-folder') {
      // A locale file that is a link to its own folder: readdir lists it as a file name.
      folder.set(`${slug}/nl.md`, { kind: 'symlink', target: '.' })
      return `symlink-loop(to-folder) ${slug}/nl.md`
    }
    folder.delete(`${slug}/lesson.yaml`)
    folder.set(`${slug}/lesson.yaml`, { kind: 'symlink', target: '.' })
    return `symlink-loop(yaml-to-folder) ${slug}/lesson.yaml`
  },
}

/** As root, chmod 000 does not stop a read: then this mutator is left out (see `unreadableWorks`). */
export const unreadableWorks = ((): boolean => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shellbook-fuzz-probe-'))
  const probe = path.join(dir, 'probe')
  try {
    writeFileSync(probe, 'x')
    chmodSync(probe, 0o000)
    readFileSync(probe)
    return false
  } catch {
    return true
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})()

const unreadable: Mutator = {
  name: 'unreadable',
  weight: unreadableWorks ? 2 : 0,
  apply(folder, rng) {
    const names = filesMatching(folder, /./)
    if (names.length === 0) return undefined
    const name = rng.pick(names)
    const entry = folder.get(name)
    if (entry?.kind !== 'file') return undefined
    folder.set(name, { ...entry, mode: 0o000 })
    return `unreadable ${name}`
  },
}

const noConfig: Mutator = {
  name: 'no-lesson-yaml',
  weight: 2,
  apply(folder, rng) {
    const slug = pickSlug(folder, rng)
    if (slug === undefined) return undefined
    folder.delete(`${slug}/lesson.yaml`)
    return `no-lesson-yaml ${slug}`
  },
}

const emptyFolder: Mutator = {
  name: 'empty-folder',
  weight: 2,
  apply(folder, rng) {
    const kind = rng.pick(['beside', 'only-yaml', 'no-locale', 'nothing-at-all'] as const)
    if (kind === 'beside') folder.set('empty/', { kind: 'dir' })
    if (kind === 'only-yaml') folder.set('bare/lesson.yaml', file('title: {en: Bare}\n'))
    if (kind === 'no-locale') {
      const slug = pickSlug(folder, rng)
      for (const name of filesMatching(folder, markdownFile)) if (name.startsWith(`${slug}/`)) folder.delete(name)
    }
    if (kind === 'nothing-at-all') folder.clear()
    return `empty-folder(${kind})`
  },
}

/** Lesson folders and locale files whose names are odd: object member names, unicode, spaces, long. */
const oddNames: Mutator = {
  name: 'odd-names',
  weight: 3,
  apply(folder, rng) {
    const slug = pickSlug(folder, rng)
    if (slug === undefined) return undefined
    const kind = rng.pick(['slug', 'locale'] as const)
    if (kind === 'locale') {
      const source = filesMatching(folder, markdownFile).find((name) => name.startsWith(`${slug}/`))
      const entry = source === undefined ? undefined : folder.get(source)
      if (!entry) return undefined
      const locale = rng.pick(['de', 'xx', 'zh-Hant', 'pt-BR', 'eng', 'fr.MD', 'constructor', 'toString', 'ab-cdefg'])
      folder.set(`${slug}/${locale}.md`, file(textOf(entry) ?? ''))
      return `odd-names(locale ${locale}) ${slug}`
    }
    const next = rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'é-ü', 'a b', '-rf', '.hidden', '😀', 'x'.repeat(200), 'UPPER'])
    for (const [name, entry] of [...folder]) {
      if (!name.startsWith(`${slug}/`)) continue
      folder.delete(name)
      folder.set(`${next}/${name.slice(slug.length + 1)}`, entry)
    }
    return `odd-names(slug ${next}) ${slug}`
  },
}

/** Things at the top of the lessons folder that are not lesson folders. */
const strayEntries: Mutator = {
  name: 'stray-entries',
  weight: 2,
  apply(folder, rng) {
    const kind = rng.pick(['file', 'link-to-lesson', 'broken-link', 'link-to-root'] as const)
    const slug = pickSlug(folder, rng)
    if (kind === 'file') folder.set('README.md', file('# Lessons\n'))
    if (kind === 'link-to-lesson' && slug !== undefined) folder.set('alias', { kind: 'symlink', target: slug })
    if (kind === 'broken-link') folder.set('gone', { kind: 'symlink', target: '/nonexistent' })
    if (kind === 'link-to-root') folder.set('root', { kind: 'symlink', target: '/' })
    return `stray-entries(${kind})`
  },
}

export const fileMutators: readonly Mutator[] = [dirInstead, brokenLink, linkLoop, unreadable, noConfig, emptyFolder, oddNames, strayEntries]
