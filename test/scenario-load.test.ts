// Scenario folders (Katacoda / Killercoda index.json) and loose Markdown folders, read with no
// engine: which plans they give, in which locales, which cells in which order, and where
// their problems are reported (the real step files and index.json, never the composite).
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkLessons } from '../src/check-lessons.js'
import { planExecutions } from '../src/captures/index.js'
import { describeOrigin, loadLesson, relocateMessages, scanLessonsFolder } from '../src/plan/index.js'

const fixtures = path.resolve(import.meta.dirname, 'fixtures/scenarios')

async function copyOf(...names: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-scenarios-'))
  for (const name of names) await cp(path.join(fixtures, name), path.join(dir, name), { recursive: true })
  return dir
}

/** `file:line:column rule` of every message, files relative to their lesson folder. */
function messages(files: Parameters<typeof relocateMessages>[0]): string[] {
  return relocateMessages(files).flatMap((file) =>
    file.messages.map((message) => `${file.path.split('/').slice(-2).join('/')}:${message.line}:${message.column} ${message.ruleId}`),
  )
}

describe('a Katacoda scenario folder', () => {
  it('gives one page whose cells are the assets, each script at its place, and the commands in order', async () => {
    const lesson = await loadLesson(fixtures, 'katacoda-processus-fr')
    expect(lesson.plans.map((plan) => plan.locale)).toEqual(['fr'])
    const [plan] = lesson.plans
    expect(plan!.title).toBe('Un conteneur est un processus')
    const shown = plan!.cells.map((cell) => (cell.script ? `${cell.script.kind}:${cell.script.name}` : cell.command))
    expect(shown).toEqual([
      'assets:assets/',
      'background:env-init.sh',
      'cat /root/atelier/etat.txt',
      'background:step1-background.sh',
      'foreground:step1-foreground.sh',
      'docker run -d --name db redis:alpine',
      'pwd',
      "docker ps --format '{{.Names}} {{.Status}}' | cut -d' ' -f1",
      'docker rm -f <nom>',
      "DBPID=$(docker inspect -f '{{.State.Pid}}' db)",
      'ps -o comm= -p $DBPID',
      'compter.sh',
      'cd ~',
      `cat > /root/Dockerfile <<'EOF'\nFROM busybox\nCMD ["echo", "bonjour & bienvenue"]\nEOF`,
      'docker build -q -t bonjour . >/dev/null && docker run --rm bonjour',
      'verify:step2-verify.sh',
    ])
    // Scripts run in their own terminal, hidden; the foreground one is typed into terminal 1.
    const scripts = plan!.cells.filter((cell) => cell.script)
    expect(scripts.every((cell) => cell.options.hidden)).toBe(true)
    expect(scripts.map((cell) => cell.options.session)).toEqual(['scripts', 'scripts', 'scripts', '1', 'scripts'])
    expect(plan!.cells.find((cell) => cell.command === 'docker rm -f <nom>')!.options.norun).toBe(true)
    expect(messages(lesson.files)).toEqual([])
  })

  it('puts each step under its title, and a cell\'s place is its line in its own step file', async () => {
    const dir = await copyOf('katacoda-processus-fr')
    await writeFile(path.join(dir, 'katacoda-processus-fr', 'step2.md'), 'Texte.\n\n`ps -p <pid>`{{execute}}\n')
    const lesson = await loadLesson(dir, 'katacoda-processus-fr')
    const headings = lesson.plans[0]!.tree.children.filter((node) => node.type === 'heading').map((node) => ('children' in node ? node.children.map((child) => ('value' in child ? child.value : '')).join('') : ''))
    expect(headings).toEqual(['Introduction', 'Démarrer Redis', "Le processus vu de l'hôte"])
    expect(messages(lesson.files)).toEqual(['katacoda-processus-fr/step2.md:3:8 unbound-placeholder'])
  })

  it('keeps each page apart: a finish right after a step\'s last paragraph starts a paragraph of its own', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-scenarios-'))
    await mkdir(path.join(dir, 'pages'))
    const index = { title: 'Pages', details: { intro: { text: 'intro.md' }, steps: [{ title: 'One', text: 'step1.md' }], finish: { text: 'finish.md' } } }
    await writeFile(path.join(dir, 'pages', 'index.json'), JSON.stringify(index))
    await writeFile(path.join(dir, 'pages', 'intro.md'), 'Intro text.')
    await writeFile(path.join(dir, 'pages', 'step1.md'), 'Copy it: `docker ps -a`{{copy}}')
    await writeFile(path.join(dir, 'pages', 'finish.md'), 'Well done!\n')
    const lesson = await loadLesson(dir, 'pages')
    const paragraphs = lesson.plans[0]!.tree.children.filter((node) => node.type === 'paragraph').map((node) => node.children.map((child) => ('value' in child ? child.value : '')).join(''))
    expect(paragraphs).toEqual(['Intro text.', 'Copy it: docker ps -a', 'Well done!'])
    expect(messages(lesson.files)).toEqual([])
  })

  it('reports a code block left open in a step at its line in that step, its text naming no line of the composite', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-scenarios-'))
    await mkdir(path.join(dir, 'open-fence'))
    const index = { title: 'Open fence', details: { steps: [{ title: 'One', text: 'step1.md' }, { title: 'Two', text: 'step2.md' }] } }
    await writeFile(path.join(dir, 'open-fence', 'index.json'), JSON.stringify(index))
    await writeFile(path.join(dir, 'open-fence', 'step1.md'), 'First:\n\n```\necho one\n')
    await writeFile(path.join(dir, 'open-fence', 'step2.md'), 'Second:\n\n`echo two`{{execute}}\n')
    const lesson = await loadLesson(dir, 'open-fence')
    expect(messages(lesson.files)).toEqual(['open-fence/step1.md:3:1 unclosed-fence'])
    const [message] = relocateMessages(lesson.files).flatMap((file) => file.messages)
    expect(message!.reason).toBe('Unexpected end of file inside the code block opened here, expected a closing fence of 3 or more backticks')
  })

  it('moves the headings of each page under the ones it writes, and drops one that repeats the step title', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-scenarios-'))
    await mkdir(path.join(dir, 'titled'))
    const steps = [{ title: 'Start a job', text: 'step1.md', answer: 'answer1.md' }, { title: 'Step 2: Clean up', text: 'step2.md' }]
    await writeFile(path.join(dir, 'titled', 'index.json'), JSON.stringify({ title: 'Titled', details: { intro: { text: 'intro.md' }, steps, finish: { text: 'finish.md' } } }))
    await writeFile(path.join(dir, 'titled', 'intro.md'), '# Welcome\n\nIntro.\n\n## What you need\n\nA shell.\n')
    await writeFile(path.join(dir, 'titled', 'step1.md'), '# Jobs\n\n`sleep 1`{{execute}}\n\n## Listing them\n\n`jobs`{{execute}}\n')
    await writeFile(path.join(dir, 'titled', 'answer1.md'), '# How\n\n`jobs -l`{{execute}}\n')
    await writeFile(path.join(dir, 'titled', 'step2.md'), '## Step 2 - clean up.\n\n`true`{{execute}}\n\n### Why\n\nText.\n')
    await writeFile(path.join(dir, 'titled', 'finish.md'), '# Done\n')
    const lesson = await loadLesson(dir, 'titled')
    const headings = lesson.plans[0]!.tree.children.flatMap((node) => (node.type === 'heading' ? [`h${node.depth} ${node.children.map((child) => ('value' in child ? child.value : '')).join('')}`] : []))
    // Empty headings are shellbook's own (a solution's, filled in the page's language when rendered).
    expect(headings).toEqual(['h2 Welcome', 'h3 What you need', 'h2 Start a job', 'h3 Jobs', 'h4 Listing them', 'h3 ', 'h4 How', 'h2 Step 2: Clean up', 'h3 Why', 'h2 Done'])
    expect(lesson.plans[0]!.cells.map((cell) => cell.command)).toEqual(['sleep 1', 'jobs', 'jobs -l', 'true'])
    expect(messages(lesson.files)).toEqual([])
  })

  it('names a cell\'s place by its path in the scenario folder: every step may be a `text.md`', async () => {
    const lesson = await loadLesson(fixtures, 'killercoda-processes')
    const plan = lesson.plans[0]!
    const places = plan.cells.filter((cell) => !cell.script).map((cell) => describeOrigin(plan.file, cell.position.start, 'x'))
    expect(places.length).toBeGreaterThan(2)
    expect(places.every((place) => /^(intro\.md|step\d\/(text|answer)\.md):\d+:\d+$/.test(place)), places.join(' ')).toBe(true)
    expect(places).toContain('step1/text.md:3:2')
    expect(places).toContain('step2/text.md:3:2')
  })

  it('is told French from its prose, with no lesson.yaml', async () => {
    const lesson = await loadLesson(fixtures, 'katacoda-processus-fr')
    expect(lesson.config?.title).toEqual({})
    expect(lesson.plans[0]!.locale).toBe('fr')
  })
})

describe('problems in index.json', () => {
  it('reports bad JSON at its line and column', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-scenarios-'))
    await mkdir(path.join(dir, 'broken'))
    await writeFile(path.join(dir, 'broken', 'index.json'), '{\n  "title": "x",\n  "details": {\n    "steps": [,]\n  }\n}\n')
    const lesson = await loadLesson(dir, 'broken')
    expect(lesson.plans).toEqual([])
    expect(messages(lesson.files)).toEqual(['broken/index.json:4:15 invalid-index-json'])
  })

  it('reports a step file it cannot read at the key naming it, and a path leaving the folder', async () => {
    const dir = await copyOf('failing-steps')
    const index = path.join(dir, 'failing-steps', 'index.json')
    await writeFile(index, JSON.stringify({ details: { steps: [{ text: 'missing.md' }, { text: '../../etc/passwd' }] } }, null, 2))
    const lesson = await loadLesson(dir, 'failing-steps')
    expect(messages(lesson.files)).toEqual(['failing-steps/index.json:5:17 scenario-file-missing', 'failing-steps/index.json:8:17 scenario-file-missing'])
  })
})

describe('the lessons folder', () => {
  it('finds scenarios inside a course folder, and takes a folder that is itself a scenario', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shellbook-scenarios-'))
    await mkdir(path.join(dir, 'course'))
    await writeFile(path.join(dir, 'course', 'README.md'), '# A course of scenarios\n')
    await cp(path.join(fixtures, 'failing-steps'), path.join(dir, 'course', 'first'), { recursive: true })
    await cp(path.join(fixtures, 'loose-markdown'), path.join(dir, 'loose'), { recursive: true })
    const folder = await scanLessonsFolder(dir)
    expect(folder.lessons.map((lesson) => [lesson.slug, path.relative(dir, lesson.dir)])).toEqual([['course-first', 'course/first'], ['loose', 'loose']])
    const single = await scanLessonsFolder(path.join(dir, 'course', 'first'))
    expect(single.slugs).toEqual(['first'])
  })

  it('reads a loose Markdown folder as one page: files in order, title its first heading, locale from its prose', async () => {
    const lesson = await loadLesson(fixtures, 'loose-markdown')
    const [plan] = lesson.plans
    expect([plan!.locale, plan!.title]).toEqual(['en', 'Dropped into lessons'])
    expect(plan!.cells.map((cell) => cell.command)).toEqual(['echo first file', 'echo second file'])
  })

  it('check reports the real files of a scenario, never the composite', async () => {
    const dir = await copyOf('katacoda-processus-fr')
    const result = await checkLessons({ lessonsDir: dir })
    expect(result.files.map((file) => path.basename(file.path)).filter((name) => name.endsWith('.scenario.md'))).toEqual([])
    expect(result.files.flatMap((file) => file.messages.map((message) => `${path.basename(file.path)}:${message.line} ${message.ruleId}`))).toEqual(['index.json:27 stale-captures'])
  })
})

describe('a translated scenario', () => {
  it('gives a page per locale that share one execution', async () => {
    const lesson = await loadLesson(fixtures, 'killercoda-namespaces-zh')
    expect(lesson.plans.map((plan) => plan.locale)).toEqual(['zh', 'en'])
    const planned = await planExecutions(lesson, false)
    expect(planned.executions).toHaveLength(1)
    expect(planned.executions[0]!.group.plans.map((plan) => plan.locale)).toEqual(['zh', 'en'])
  })
})
