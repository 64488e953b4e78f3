// One lesson's pages to render (its locales together: those that share a run share its
// terminal screens), and how they are rendered: the same function on the build's thread and
// in a page worker, so a page is the same wherever it was made.
import { VFile } from 'vfile'
import type { LessonRun } from '../../captures/index.js'
import type { LessonPlan } from '../../plan/index.js'
import { lessonHtml, type PageSite, type SiteEnv } from '../html-page.js'
import { createTranslator } from '../i18n.js'
import { lessonContext, runScreens } from '../lesson-context.js'
import { lessonMarkdown } from '../markdown.js'

export interface PageJob {
  pages: Array<{ plan: LessonPlan; run: LessonRun | undefined; locales: readonly string[] }>
}

/** A page's two renderings. */
export interface RenderedPage {
  html: string
  markdown: string
}

export async function renderPageJob(job: PageJob, env: SiteEnv, site: PageSite, maxLines: number | undefined): Promise<RenderedPage[]> {
  const screensByRun = new Map<LessonRun, Promise<Map<string, string>>>()
  const rendered: RenderedPage[] = []
  for (const { plan, run, locales } of job.pages) {
    let screens: Promise<Map<string, string>> | undefined
    if (run) {
      screens = screensByRun.get(run) ?? runScreens(run, plan)
      screensByRun.set(run, screens)
    }
    const ctx = await lessonContext(plan, run, createTranslator(plan.locale, env.catalogs), { maxLines, screens: await screens })
    rendered.push({ html: lessonHtml(ctx, locales, env, site), markdown: lessonMarkdown(ctx) })
  }
  return rendered
}

/**
 * A job as it is posted to a worker: a plan's VFiles become the text and data the pages read
 * (their messages stay with the build). One message keeps a run shared by several plans shared.
 */
export interface PortableJob {
  pages: Array<{ plan: PortablePlan; run: LessonRun | undefined; locales: readonly string[] }>
}

type PortablePlan = Omit<LessonPlan, 'file' | 'configFile'> & { fileText: string; scenario: VFile['data']['scenario'] }

export function portableJob(job: PageJob): PortableJob {
  return {
    pages: job.pages.map(({ plan: { file, configFile: _configFile, ...plan }, run, locales }) => ({
      plan: { ...plan, fileText: String(file.value), scenario: file.data.scenario },
      run,
      locales,
    })),
  }
}

export function jobOfPortable(job: PortableJob): PageJob {
  return {
    pages: job.pages.map(({ plan: { fileText, scenario, ...plan }, run, locales }) => ({
      plan: { ...plan, file: new VFile({ value: fileText, data: scenario === undefined ? {} : { scenario } }), configFile: new VFile() },
      run,
      locales,
    })),
  }
}
