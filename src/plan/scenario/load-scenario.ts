// A Katacoda / Killercoda scenario folder → one composite Markdown file per locale: the intro,
// each step under its title, the finish; scripts and assets become hidden cells at their place
// (see scenario-nodes.ts). Translations are step files beside the originals (`step1.fr.md`).
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
// zx/core: $ and quote without zx's extras (fetch, globby, YAML…), a tenth of the code to load.
import { quote } from 'zx/core'
import { error, warning } from '../../messages.js'
import { guessLocale } from '../guess-locale.js'
import { pointOfText } from '../point-of-text.js'
import { assetsScript } from './assets.js'
import { CompositeBuilder } from './composite.js'
import { readIndexJson, type IndexJson, type ScenarioPage } from './index-json.js'
import { readIfPresent, scenarioPath, translatedName, translationSuffix } from './scenario-files.js'
import type { ScenarioData, ScenarioText, ScriptCell, ScriptKind } from './types.js'

/** What a scenario folder gives the loader. */
export interface LoadedScenario {
  /** Locale → composite file, the source locale first. */
  composites: Map<string, VFile>
  sourceLocale: string
  title?: string | undefined
  description?: string | undefined
  /** Every real file read (index.json first), each carrying its messages. */
  files: VFile[]
  /** The assets copied into the host, as text: a Dockerfile among them names images. */
  assetFiles?: Array<{ path: string; text: string }> | undefined
}

/** A page of the scenario, in order, with what it is called in messages. */
interface Page {
  page: ScenarioPage
  /** `intro`, `steps[2]`, `finish`. */
  key: string
  /** 1-based step number; undefined for intro and finish. */
  step?: number
}

/** Read index.json and everything it names. `source` is lesson.yaml's, when it says. */
export async function loadScenario(dir: string, indexFile: VFile, source: string | undefined): Promise<LoadedScenario | undefined> {
  const index = readIndexJson(indexFile)
  if (!index) return undefined
  const files: VFile[] = [indexFile]
  checkBackend(index, indexFile)
  const reader = new ScenarioReader(dir, indexFile, files)
  const pages = pagesOf(index)
  // One file after the other, so that messages come in the order of index.json.
  const originals: Array<VFile | undefined> = []
  const answers: Array<VFile | undefined> = []
  for (const entry of pages) originals.push(await reader.text(entry.page.text, entry.key, 'text'))
  for (const entry of pages) answers.push(await reader.text(entry.page.answer, entry.key, 'answer'))
  const scripts = await reader.scripts(pages, index)
  const sourceLocale = source ?? guessLocale([...originals, ...answers].map((file) => String(file?.value ?? '')).join('\n'))
  const composites = new Map<string, VFile>()
  for (const locale of [sourceLocale, ...(await translationLocales(dir, [...originals, ...answers]))]) {
    if (composites.has(locale)) continue
    const translate = async (file: VFile | undefined) => (locale === sourceLocale || !file ? file : await reader.translation(file, locale))
    const texts = await Promise.all(originals.map(translate))
    const answerTexts = await Promise.all(answers.map(translate))
    composites.set(locale, compose({ dir, locale, indexFile, pages, texts, answers: answerTexts, scripts, editorPath: index.environment?.uieditorpath }))
  }
  return { composites, sourceLocale, title: index.title, description: index.description, files, assetFiles: reader.assetFiles }
}

/** Backends shellbook's host cannot stand in for: a Kubernetes cluster is not a Docker host. */
const clusterBackend = /kube|k8s|k3s|minikube|openshift|kind\b/i

function checkBackend(index: IndexJson, indexFile: VFile): void {
  const imageid = index.backend?.imageid
  if (imageid === undefined || !clusterBackend.test(imageid)) return
  warning(indexFile, `Unexpected \`backend.imageid: ${imageid}\`, expected a Linux host with Docker: shellbook runs the scenario on one Docker host, with no Kubernetes cluster`, pointOfText(indexFile, `"${imageid}"`), 'unsupported-backend')
}

/** intro, steps, finish: the pages that exist. */
function pagesOf(index: IndexJson): Page[] {
  const pages: Page[] = []
  if (index.details.intro) pages.push({ page: index.details.intro, key: 'intro' })
  index.details.steps.forEach((page, position) => pages.push({ page, key: `steps[${position}]`, step: position + 1 }))
  if (index.details.finish) pages.push({ page: index.details.finish, key: 'finish' })
  return pages
}

/** Locales some page has a translation in (`intro.fr.md` beside `intro.md`). */
async function translationLocales(dir: string, originals: ReadonlyArray<VFile | undefined>): Promise<string[]> {
  const locales = new Set<string>()
  const folders = new Set(originals.flatMap((file) => (file?.path ? [path.dirname(path.resolve(file.path))] : [])))
  folders.add(dir)
  const bases = new Set(originals.flatMap((file) => (file?.path ? [path.resolve(file.path).replace(/\.md$/, '')] : [])))
  for (const folder of folders) {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      const match = translationSuffix.exec(name)
      if (match && bases.has(path.join(folder, name.slice(0, name.length - match[0].length)))) locales.add(match[1]!)
    }
  }
  return [...locales].sort()
}

/** Reads the files index.json names; a missing one is an error at its key. */
class ScenarioReader {
  constructor(private readonly dir: string, private readonly indexFile: VFile, private readonly files: VFile[]) {}

  async text(name: string | undefined, key: string, field: string): Promise<VFile | undefined> {
    if (name === undefined) return undefined
    return this.read(name, `${key}.${field}`)
  }

  async translation(original: VFile, locale: string): Promise<VFile> {
    const translated = await readIfPresent(translatedName(path.resolve(original.path), locale))
    if (translated) {
      this.files.push(translated)
      return translated
    }
    warning(original, `Unexpected missing translation \`${path.basename(translatedName(original.path, locale))}\`, expected it beside \`${original.basename}\` as the scenario's other pages have; the ${locale} page shows this file as it is`, { line: 1, column: 1 }, 'missing-translation')
    return original
  }

  /** Every script and the assets, as cells in the order they run. */
  /** The assets, once scripts() read them. */
  assetFiles: Array<{ path: string; text: string }> = []

  async scripts(pages: readonly Page[], index: IndexJson): Promise<ScriptCell[]> {
    const scripts: ScriptCell[] = []
    // Katacoda opened the terminal in the editor's folder: `docker build .` finds the Dockerfile put there.
    const editorPath = index.environment?.uieditorpath
    if (editorPath) {
      const folder = quote(editorPath)
      scripts.push({ kind: 'foreground', page: 'environment', name: 'environment.uieditorpath', command: `mkdir -p ${folder} && cd ${folder}`, origin: pointOfText(this.indexFile, '"uieditorpath"') })
    }
    const assets = await assetsScript(this.dir, index, this.indexFile)
    if (assets) {
      const { files, ...script } = assets
      this.assetFiles = files
      scripts.push(script)
    }
    for (const entry of pages) {
      const wanted: Array<[ScriptKind, string, string | undefined]> = [
        ['background', entry.page.background ? 'background' : 'courseData', entry.page.background ?? entry.page.courseData],
        ['foreground', entry.page.foreground ? 'foreground' : 'code', entry.page.foreground ?? entry.page.code],
        ['verify', 'verify', entry.page.verify],
      ]
      for (const [kind, field, name] of wanted) {
        if (name === undefined) continue
        const file = await this.read(name, `${entry.key}.${field}`)
        if (file) scripts.push({ kind, page: entry.key, name, command: String(file.value), origin: pointOfText(this.indexFile, `"${name}"`) })
      }
    }
    return scripts
  }

  private async read(name: string, key: string): Promise<VFile | undefined> {
    const at = pointOfText(this.indexFile, `"${name}"`)
    const resolved = scenarioPath(this.dir, name)
    if (resolved === undefined) {
      error(this.indexFile, `Unexpected \`${key}\` path \`${name}\` outside the scenario folder, expected a file inside it`, at, 'scenario-file-missing')
      return undefined
    }
    const file = await readIfPresent(resolved)
    if (!file) {
      error(this.indexFile, `Unexpected \`${key}\` naming \`${name}\`, which cannot be read, expected a file in the scenario folder`, at, 'scenario-file-missing')
      return undefined
    }
    this.files.push(file)
    return file
  }
}

interface ComposeInput {
  dir: string
  locale: string
  indexFile: VFile
  pages: readonly Page[]
  texts: ReadonlyArray<VFile | undefined>
  answers: ReadonlyArray<VFile | undefined>
  scripts: readonly ScriptCell[]
  /** index.json `environment.uieditorpath`: where Katacoda's editor put files. */
  editorPath?: string | undefined
}

/** One locale's page: every scenario page in order, steps under a heading, scripts at their place. */
function compose(input: ComposeInput): VFile {
  const builder = new CompositeBuilder()
  const data: ScenarioData = { scripts: {}, labels: {}, texts: [] }
  const { indexFile } = input
  const placeScript = (script: ScriptCell) => {
    const line = builder.addWritten(['', `<!-- shellbook:script ${script.kind} -->`, ''], indexFile, script.origin)
    data.scripts[line + 1] = script
  }
  const addText = (text: VFile, topDepth: ScenarioText['topDepth'], title?: string) => {
    const startLine = builder.nextLine
    builder.addFile(text)
    data.texts.push({ startLine, endLine: builder.nextLine - 1, topDepth, ...(title ? { title } : {}) })
  }
  const scriptsOf = (page: string, kinds: readonly ScriptKind[]) => input.scripts.filter((script) => script.page === page && kinds.includes(script.kind))
  // Before any page: the assets, then the terminal's folder.
  input.scripts.filter((script) => script.kind === 'assets' || script.page === 'environment').forEach(placeScript)
  input.pages.forEach((entry, position) => {
    if (entry.step !== undefined) {
      const title = entry.page.title?.trim() ?? ''
      const origin: Point = title ? pointOfText(indexFile, `"${entry.page.title}"`) : pointOfText(indexFile, `"${entry.page.text ?? ''}"`)
      const line = builder.addWritten(['', title === '' ? '##' : `## ${title.replace(/\n/g, ' ')}`, ''], indexFile, origin)
      if (title === '') data.labels[line + 1] = { kind: 'step', step: entry.step }
    }
    scriptsOf(entry.key, ['background', 'foreground']).forEach(placeScript)
    const text = input.texts[position]
    // A blank line before each page: the finish right after the last step's text would join its last paragraph.
    if (text && builder.nextLine > 1) builder.addWritten([''], indexFile, pointOfText(indexFile, `"${entry.page.text ?? ''}"`))
    if (text) addText(text, entry.step === undefined ? 2 : 3, entry.step === undefined ? undefined : entry.page.title?.trim())
    const answer = input.answers[position]
    if (answer) {
      const line = builder.addWritten(['', '###', ''], indexFile, pointOfText(indexFile, `"${entry.page.answer ?? ''}"`))
      data.labels[line + 1] = { kind: 'answer' }
      addText(answer, 4)
    }
    scriptsOf(entry.key, ['verify']).forEach(placeScript)
  })
  const composite = builder.build(path.join(path.dirname(indexFile.path), `${input.locale}.scenario.md`))
  composite.data.scenario = data
  if (input.editorPath) composite.data.editorPath = input.editorPath
  return composite
}
