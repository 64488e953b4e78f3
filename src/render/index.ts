// Render stage: plan + captures → HTML pages and Markdown files.
export { renderSite, type RenderedSite, type RenderSiteOptions, type SiteLesson } from './site.js'
export { writeFileAtomic } from '../files/index.js'
export { createTranslator, fallbackChain, loadCatalogs, type Catalog, type Catalogs } from './i18n.js'
export { lessonMarkdown } from './markdown.js'
export { lessonHtml, indexHtml, rootHtml, type SiteEnv } from './html-page.js'
export { loadTemplates } from './templates.js'
export { createCommandHighlighter, type CommandHighlighter } from './highlight.js'
export { lessonContext, type LessonContext, type Translate } from './types.js'
