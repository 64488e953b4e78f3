// Pictures a lesson shows from its own folder: resolved from the file they are written in (or
// the scenario's top), published beside each page and its Markdown, and a missing one said where
// it stands. A real build on the local host (no engine: the lesson has one echo).
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/build.js'
import { loadLesson } from '../src/plan/load-lessons.js'

const root = path.resolve(import.meta.dirname, '..')
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

async function scenario(): Promise<string> {
  const lessons = await mkdtemp(path.join(tmpdir(), 'shellbook-media-'))
  const dir = path.join(lessons, 'pics')
  await mkdir(path.join(dir, 'assets'), { recursive: true })
  await mkdir(path.join(dir, 'step1'))
  await writeFile(path.join(dir, 'index.json'), JSON.stringify({ title: 'Pictures', details: { intro: { text: 'intro.md' }, steps: [{ title: 'Look', text: 'step1/text.md' }] } }))
  await writeFile(path.join(dir, 'assets', 'arch.png'), png)
  await writeFile(path.join(dir, 'assets', 'my flow.png'), png)
  await writeFile(path.join(dir, 'intro.md'), 'The plan: ![Flow](./assets/my%20flow.png)\n')
  await writeFile(path.join(dir, 'step1', 'text.md'), [
    'From the step: ![Architecture](../assets/arch.png)',
    '',
    'As from the top: <img src="./assets/arch.png" width="200">',
    '',
    'Elsewhere: ![remote](https://example.com/x.png) and ![gone](../assets/gone.png)',
    '',
    'By reference: ![again][arch], and [a link][next] that is no picture.',
    '',
    '[arch]: ../assets/arch.png',
    '[next]: ./nowhere.md',
    '',
    '`echo looked`{{execute}}',
    '',
  ].join('\n'))
  return lessons
}

describe('pictures from the lesson folder', () => {
  it('are addressed beside the page, and a missing one is a warning at its line in its own file', async () => {
    const lessons = await scenario()
    const lesson = await loadLesson(lessons, 'pics')
    const plan = lesson.plans[0]!
    expect(plan.media?.map((media) => media.target).sort()).toEqual(['media/assets/arch.png', 'media/assets/my flow.png'])
    const warnings = plan.file.messages.map((message) => `${message.ruleId} ${message.line}`)
    expect(warnings).toEqual([expect.stringMatching(/^missing-media \d+$/)])
    expect(plan.file.messages[0]!.reason).toContain('`../assets/gone.png`')
  })

  it('are published with each page and its Markdown, where their addresses point', async () => {
    const lessons = await scenario()
    const outDir = path.join(path.dirname(lessons), `${path.basename(lessons)}-out`)
    const result = await build({ lessonsDir: lessons, outDir, templatesDir: path.join(root, 'templates'), imagesDir: path.join(root, 'images'), host: 'local', pull: false })
    expect(result.ok).toBe(true)
    const html = await readFile(path.join(outDir, 'site/en/pics/index.html'), 'utf8')
    expect(html).toContain('<img src="media/assets/arch.png" alt="Architecture">')
    expect(html).toContain('<img src="media/assets/arch.png" width="200">')
    expect(html).toContain('src="media/assets/my%20flow.png"')
    expect(html).toContain('src="https://example.com/x.png"')
    const markdown = await readFile(path.join(outDir, 'md/en/pics.md'), 'utf8')
    expect(markdown).toContain('![Architecture](pics/media/assets/arch.png)')
    expect(markdown).toContain('<img src="pics/media/assets/arch.png" width="200">')
    expect(markdown).toContain('[arch]: pics/media/assets/arch.png')
    expect(markdown).toContain('[next]: ./nowhere.md')
    for (const file of ['site/en/pics/media/assets/arch.png', 'site/en/pics/media/assets/my flow.png', 'md/en/pics/media/assets/arch.png']) {
      expect(await readFile(path.join(outDir, file)), file).toEqual(png)
    }
    expect(existsSync(path.join(outDir, 'site/en/pics/media/assets/gone.png'))).toBe(false)
  }, 60_000)
})
