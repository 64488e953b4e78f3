// No secret is published, on both hosts, through the CLI: a lesson whose setup leaves 200 fake
// credentials on the host and cats them, a secret passed in from the build's environment and
// printed plain and base64-encoded, and a canary variable and a canary file of the build's own
// that the lesson looks for. None of them may reach captures.json, the pages, the Markdown or
// report.json; the pages show the localized redaction mark instead; `check` then finds nothing.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fakeSecrets } from '../fake-secrets.js'
import { skipWithoutEngine } from './engine-required.js'

const root = path.resolve(import.meta.dirname, '../..')

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [path.join(root, 'bin/shellbook.js'), ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 }, (error, _stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr })
    })
  })
}

/** Every file under `dir`, as text. */
async function allText(dir: string): Promise<Array<{ file: string; text: string }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })))
}

describe.skipIf(skipWithoutEngine)('secrets never reach an output file', () => {
  for (const host of ['local', 'sandbox'] as const) {
    it(`on the ${host} host`, async () => {
      const work = await mkdtemp(path.join(tmpdir(), `shellbook-secrets-${host}-`))
      const lessons = path.join(work, 'lessons')
      await mkdir(path.join(lessons, 'secrets'), { recursive: true })
      const secrets = fakeSecrets(200)
      const token = `tok-${randomBytes(12).toString('hex')}`
      const canary = `canary-${randomBytes(12).toString('hex')}`
      const canaryFile = `canary-file-${randomBytes(12).toString('hex')}`
      // The build's own working folder holds a canary file the lesson must not find.
      await writeFile(path.join(work, 'canary.txt'), `${canaryFile}\n`)
      const credentials = `/tmp/shellbook-secrets-${randomBytes(4).toString('hex')}.txt`
      const heredoc = `cat > ${credentials} <<'CREDS'\n${secrets.map((entry) => entry.printed).join('\n')}\nCREDS`
      await writeFile(
        path.join(lessons, 'secrets', 'lesson.yaml'),
        `title: {en: Secrets}\nsecrets:\n  env: [SHELLBOOK_TEST_TOKEN]\nsetup:\n  - ${JSON.stringify(heredoc)}\nteardown:\n  - rm -f ${credentials}\n`,
      )
      await writeFile(
        path.join(lessons, 'secrets', 'en.md'),
        [
          '# Secrets', '',
          `\`cat ${credentials}\`{{execute}}`, '',
          '`echo "the token is $SHELLBOOK_TEST_TOKEN"`{{execute}}', '',
          '`printf %s "$SHELLBOOK_TEST_TOKEN" | base64`{{execute}}', '',
          '`env | sort`{{execute}}', '',
          "`tr '\\0' '\\n' < /proc/$PPID/environ 2>&1 || true`{{execute}}", '',
          '`pwd`{{execute}}', '',
          '`cat canary.txt 2>&1 || true`{{execute}}', '',
        ].join('\n'),
      )
      const out = path.join(work, 'out')
      const built = await run(['build', '--lessons', lessons, '--out', out, '--host', host, '--pull', 'never', '--templates', path.join(root, 'templates'), '--images', path.join(root, 'images')], work, { SHELLBOOK_TEST_TOKEN: token, SHELLBOOK_CANARY: canary })
      expect(built.code, built.stderr).toBe(0)

      const written = [...(await allText(out)), { file: 'captures.json', text: await readFile(path.join(lessons, 'secrets', 'captures.json'), 'utf8') }]
      const forbidden = [...secrets.map((entry) => entry.secret), token, Buffer.from(token).toString('base64'), canary, canaryFile, work]
      for (const { file, text } of written) {
        for (const value of forbidden) expect(text.includes(value), `${value.slice(0, 24)}… in ${file}`).toBe(false)
      }
      // What the reader sees instead: the mark, in the page's language.
      const page = await readFile(path.join(out, 'site', 'en', 'secrets', 'index.html'), 'utf8')
      expect(page).toMatch(/<span class="redacted" title="A secret \(aws-access-key-id\) was masked here before publishing">secret 1 redacted<\/span>/)
      const markdown = await readFile(path.join(out, 'md', 'en', 'secrets.md'), 'utf8')
      expect(markdown).toContain('the token is [secret 1 redacted]')
      // The lesson's shell starts from nothing of the build: no canary variable, not in its folder.
      const captures = JSON.parse(written.at(-1)!.text) as { executions: Array<{ cells: Array<{ command: string; output: string[] }> }> }
      const cells = captures.executions[0]!.cells
      const outputOf = (command: string) => cells.find((cell) => cell.command === command)?.output.join('\n') ?? ''
      expect(outputOf('pwd').trim()).not.toBe(work)
      expect(outputOf('cat canary.txt 2>&1 || true')).toMatch(/No such file or directory/)

      const checked = await run(['check', '--lessons', lessons], work, {})
      expect(checked.code, checked.stderr).toBe(0)
    }, 300_000)
  }
})
