// Handlebars templates of the site, compiled once per build in their own Handlebars
// environment (no global registration). `{{t "key" name=value}}` looks a UI string up
// with the page's translator, passed as `data.t` when a template renders.
import Handlebars from 'handlebars'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Translate } from './types.js'

export const pageNames = ['layout', 'lesson', 'index', 'root', 'notFound'] as const
export type PageName = (typeof pageNames)[number]

export type Templates = Record<PageName, Handlebars.TemplateDelegate<unknown>>

export async function loadTemplates(templatesDir: string): Promise<Templates> {
  const env = Handlebars.create()
  env.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) => {
    const params: Record<string, string | number> = {}
    for (const [name, value] of Object.entries(options.hash)) {
      if (typeof value === 'string' || typeof value === 'number') params[name] = value
    }
    return translatorOf(options)(String(key), params)
  })
  const partialsDir = join(templatesDir, 'partials')
  for (const name of await listTemplates(partialsDir)) {
    env.registerPartial(name, await readFile(join(partialsDir, `${name}.hbs`), 'utf8'))
  }
  const compile = async (name: PageName) => env.compile<unknown>(await readFile(join(templatesDir, `${name}.hbs`), 'utf8'), { strict: true })
  return { layout: await compile('layout'), lesson: await compile('lesson'), index: await compile('index'), root: await compile('root'), notFound: await compile('notFound') }
}

/** Render `page` with `view`, then wrap it in the layout with `frame` (lang, title, links). */
export function renderPage(templates: Templates, page: Exclude<PageName, 'layout'>, view: object, frame: object, t: Translate): string {
  const data = { t }
  const body = templates[page](view, { data })
  return templates.layout({ ...frame, body }, { data })
}

async function listTemplates(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.hbs')).map((name) => name.slice(0, -'.hbs'.length))
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return []
    throw error
  }
}

function translatorOf(options: Handlebars.HelperOptions): Translate {
  const data: unknown = options.data
  if (typeof data === 'object' && data !== null && 't' in data && typeof data.t === 'function') return data.t as Translate
  throw new Error('Unexpected template rendered without a translator, expected `data.t`')
}
