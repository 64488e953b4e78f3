// The images a lesson needs from outside, read from what it runs: `docker run`/`create`/`pull`,
// the `FROM` lines of Dockerfiles and the `image:` lines of compose files it writes (heredocs)
// or ships (files given separately). Images the lesson makes itself (`docker build -t`,
// `docker tag`, `docker commit`, compose `build:`) are not needed from outside. Pure: no I/O.
import { dockerUse } from './docker-commands.js'
import { dockerfileImages, imagesInFile, type FileImages } from './image-files.js'
import { programWords, simpleCommands, type SimpleCommand, type ShellWord } from '../shell/index.js'

/** A file of the lesson (a Katacoda asset, say): its path (only its name matters) and text. */
export interface LessonFile {
  path: string
  text: string
}

/** Where an image was named, so a caller can point there. */
export type ImageOrigin =
  /** In command `index` of the list, at character `offset` of it. */
  | { kind: 'command'; index: number; offset: number }
  /** In a file command `index` writes (`cat > Dockerfile <<EOF`; `file` is `-` for `docker build - <<EOF`), at `offset` of the command. */
  | { kind: 'written'; index: number; offset: number; file: string }
  /** In a file given separately, at 1-based `line` and `column`. */
  | { kind: 'file'; file: string; line: number; column: number }

/** An image the lesson needs, as first written (`redis:alpine`), and where. */
export interface InferredImage {
  image: string
  from: ImageOrigin
}

/**
 * The images `commands` (in lesson order) and `files` need, first-seen order, no duplicates
 * (`redis` and `docker.io/library/redis:latest` are one). Files given separately are read first:
 * they are there before the lesson's first command. Templated names (`$IMAGE`, `<image>`) are skipped.
 */
export function inferImages(commands: readonly string[], files: readonly LessonFile[] = []): InferredImage[] {
  const candidates: InferredImage[] = []
  const made = new Set<string>()
  for (const file of files) {
    const at = (offset: number): ImageOrigin => ({ kind: 'file', file: file.path, ...lineAndColumn(file.text, offset) })
    // A setup script shipped as an asset (`init.sh` writing /root/Dockerfile) is read as the commands it runs.
    const images = isShellScript(file) ? imagesOfCommand(file.text) : imagesInFile(file.path, file.text)
    for (const name of images.makes) made.add(imageKey(name))
    for (const need of images.needs) candidates.push({ image: need.image, from: at(need.offset) })
  }
  commands.forEach((command, index) => {
    const images = imagesOfCommand(command)
    for (const name of images.makes) made.add(imageKey(name))
    for (const need of images.needs) {
      const from: ImageOrigin = need.file === undefined ? { kind: 'command', index, offset: need.offset } : { kind: 'written', index, offset: need.offset, file: need.file }
      candidates.push({ image: need.image, from })
    }
  })
  const seen = new Set<string>()
  return candidates.filter(({ image }) => {
    const key = imageKey(image)
    if (!isImageName(image) || made.has(key) || seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** An image one command (or script) needs, at `offset` of its text, and the file it writes it into, if any. */
interface CommandImage {
  image: string
  offset: number
  file?: string | undefined
}

/** What one command line or script needs and makes, its own words and the files it writes. */
function imagesOfCommand(command: string): { needs: CommandImage[]; makes: string[] } {
  const needs: CommandImage[] = []
  const makes: string[] = []
  const parsed = simpleCommands(command)
  parsed.forEach((simple, position) => {
    const use = dockerUse(simple.words)
    for (const word of use.makes) makes.push(word.text)
    for (const word of use.needs) needs.push({ image: word.text, offset: word.offset })
    for (const written of writtenFiles(simple, parsed[position + 1], use.dockerfileFromStdin)) {
      // `docker build -` reads a Dockerfile whatever its name; other files are known by name.
      const images: FileImages = written.path === '-' ? { needs: dockerfileImages(written.text), makes: [] } : imagesInFile(written.path, written.text)
      makes.push(...images.makes)
      for (const need of images.needs) {
        const offset = written.exact ? written.offset + need.offset : Math.max(written.offset, command.indexOf(need.image, written.offset))
        needs.push({ image: need.image, offset, file: written.path })
      }
    }
  })
  return { needs, makes }
}

/** `init.sh`, or a file starting `#!/bin/bash` / `#!/usr/bin/env sh`. */
function isShellScript(file: LessonFile): boolean {
  return /\.(?:sh|bash)$/i.test(file.path) || /^#!\s*\S*\b(?:env\s+)?(?:ba|da|z)?sh\b/.test(file.text)
}

/** A file a command writes, with where its text starts in the command. */
interface WrittenFile {
  path: string
  text: string
  offset: number
  /** The text is the command's own characters (a heredoc body), not words put back together (`echo`). */
  exact: boolean
}

/**
 * The files `simple` writes: `cat > Dockerfile <<EOF`, `tee compose.yaml <<EOF`,
 * `cat <<EOF | sudo tee Dockerfile`, `echo 'FROM alpine' > Dockerfile`, and the heredoc of
 * `docker build -` (path `-`).
 */
function writtenFiles(simple: SimpleCommand, next: SimpleCommand | undefined, dockerfileFromStdin: boolean): WrittenFile[] {
  const words = programWords(simple.words)
  const program = words[0]?.text
  const redirectedTo = simple.redirects.filter((redirect) => ['>', '>>', '>|'].includes(redirect.operator)).at(-1)?.target?.text
  const pipedToTee = simple.pipesInto && next !== undefined && programWords(next.words)[0]?.text === 'tee' ? firstOperand(programWords(next.words)) : undefined
  const heredocsTo = (path: string | undefined) => (path === undefined ? [] : simple.heredocs.map((body) => ({ path, text: body.text, offset: body.offset, exact: true })))
  if (dockerfileFromStdin) return heredocsTo('-')
  if (program === 'cat') return heredocsTo(redirectedTo ?? pipedToTee?.text)
  if (program === 'tee') return heredocsTo(firstOperand(words)?.text)
  if ((program === 'echo' || program === 'printf') && redirectedTo !== undefined) {
    let args = words.slice(1)
    while (program === 'echo' && args[0] !== undefined && /^-[neE]+$/.test(args[0].text)) args = args.slice(1)
    const first = args[0]
    if (first === undefined) return []
    // Both `printf 'FROM a\nRUN b'` and `echo -e` write `\n` as a line break.
    const text = args.map((word) => word.text).join(' ').replaceAll('\\n', '\n')
    return [{ path: redirectedTo, text, offset: first.offset, exact: false }]
  }
  return []
}

/** The first word after a program's options: `tee -a out.txt` → `out.txt`. */
function firstOperand(words: readonly ShellWord[]): ShellWord | undefined {
  return words.slice(1).find((word) => !word.text.startsWith('-'))
}

/** One spelling per image: `docker.io/library/redis` is `redis:latest`. */
function imageKey(name: string): string {
  const short = name.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '')
  const lastPart = short.slice(short.lastIndexOf('/') + 1)
  return lastPart.includes(':') || short.includes('@') ? short : `${short}:latest`
}

/** A name docker could pull, not a template (`$IMAGE`, `<image>`, `{{.Image}}`) or a flag. */
function isImageName(name: string): boolean {
  return /^[A-Za-z0-9][\w.\-/:@]*$/.test(name) && !name.endsWith(':') && !name.endsWith('/')
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}
