// Fixture-driven tests of parse + plan: test/fixtures/<case>/input.md (+ lesson.yaml)
// → plan.json (cells, steps, messages). Regenerate with `npx vitest run -u`.
import { readdirSync, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { toString } from 'mdast-util-to-string'
import { createProcessor, parseLesson } from '../src/parse/index.js'
import { loadConfig } from '../src/plan/load-config.js'
import { planLesson } from '../src/plan/plan-lesson.js'

const fixturesDir = path.join(import.meta.dirname, 'fixtures')
const cases = readdirSync(fixturesDir).filter((name) => existsSync(path.join(fixturesDir, name, 'input.md')))

describe('parse + plan fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(5))

  it('exports the processor parseLesson runs: the same tree and messages for every fixture', async () => {
    for (const name of cases) {
      const read = () => new VFile({ path: 'input.md', value: readFileSync(path.join(fixturesDir, name, 'input.md'), 'utf8') })
      const [viaParse, viaProcessor] = [read(), read()]
      const processor = createProcessor()
      const tree = await processor.run(processor.parse(viaProcessor), viaProcessor)
      expect(tree, name).toEqual(await parseLesson(viaParse))
      expect(viaProcessor.messages.map(String), name).toEqual(viaParse.messages.map(String))
    }
  })

  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(fixturesDir, name)
      const configPath = path.join(dir, 'lesson.yaml')
      const configFile = new VFile({
        path: 'lesson.yaml',
        value: existsSync(configPath) ? readFileSync(configPath, 'utf8') : 'title: {en: Test}\n',
      })
      const config = loadConfig(configFile)
      expect(configFile.messages.map(String)).toEqual([])
      const file = new VFile({ path: 'input.md', value: readFileSync(path.join(dir, 'input.md'), 'utf8') })
      const tree = await parseLesson(file)
      const plan = planLesson({ slug: name, locale: 'en', file, tree, config: config!, configFile })
      const summary = {
        cells: plan.cells.map((cell) => ({
          id: cell.id,
          at: `${cell.position.start.line}:${cell.position.start.column}`,
          command: cell.command,
          ...(cell.cwd ? { cwd: cell.cwd } : {}),
          options: cell.options,
          ...(cell.vars.length ? { vars: cell.vars } : {}),
        })),
        steps: plan.steps.map((step) => (step.kind === 'var' ? `var ${step.name}` : `cell ${step.cell.id}`)),
        samples: collectSamples(tree),
        prose: toString(tree),
        messages: file.messages.map((message) => `${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.ruleId}: ${message.reason}`),
      }
      await expect(JSON.stringify(summary, null, 2) + '\n').toMatchFileSnapshot(path.join(dir, 'plan.json'))
    })
  }
})

/** Sample output the author wrote after each console command, by cell id. */
function collectSamples(tree: import('mdast').Root): Record<string, string> {
  const samples: Record<string, string> = {}
  for (const node of tree.children) {
    if (node.type !== 'execBlock') continue
    for (const command of node.commands) if (command.sample !== undefined) samples[command.cellId!] = command.sample
  }
  return samples
}
