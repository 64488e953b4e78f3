// The two seed lessons, parsed and planned for real, rendered with no run (as on a machine
// with no Docker and no frozen captures): every command is shown, no Katacoda marker leaks.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseLesson } from '../src/parse/index.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'
import { createCommandHighlighter, createTranslator, lessonContext, lessonHtml, lessonMarkdown, loadCatalogs, loadTemplates } from '../src/render/index.js'

const root = path.join(import.meta.dirname, '..')
const templatesDir = path.join(root, 'templates')
const seeds = [
  { name: 'seed-000-katacoda', locale: 'fr', notice: 'Cette leçon n’a pas encore été exécutée' },
  { name: 'seed-003-console', locale: 'zh', notice: '本课程尚未运行' },
]

describe('seed lessons without a run', async () => {
  const env = { templates: await loadTemplates(templatesDir), catalogs: await loadCatalogs(templatesDir), highlighter: createCommandHighlighter() }
  for (const seed of seeds) {
    it(seed.name, async () => {
      const dir = path.join(root, 'test', 'fixtures', seed.name)
      const configFile = new VFile({ path: 'lesson.yaml', value: await readFile(path.join(dir, 'lesson.yaml'), 'utf8') })
      const config = loadConfig(configFile)!
      const file = new VFile({ path: 'input.md', value: await readFile(path.join(dir, 'input.md'), 'utf8') })
      const plan = planLesson({ slug: seed.name, locale: seed.locale, file, tree: await parseLesson(file), config, configFile })
      const ctx = await lessonContext(plan, undefined, createTranslator(seed.locale, env.catalogs))
      const html = lessonHtml(ctx, [seed.locale], env)
      const md = lessonMarkdown(ctx)
      expect(html).toContain(`<html lang="${seed.locale}">`)
      expect(html).toContain(seed.notice)
      expect(md).toContain(seed.notice)
      for (const out of [html, md]) expect(out).not.toContain('{{execute')
      const shown = plan.cells.filter((cell) => !cell.options.hidden)
      expect(html.match(/<div class="entry /g)?.length).toBe(shown.length)
      for (const cell of shown) expect(md).toContain(cell.command.split('\n')[0])
    })
  }
})
