// The pictures of a lesson (plan.media, see plan/lesson-media.ts) beside its pages: copied under
// `media/` next to each locale's HTML page (`site/en/intro/media/assets/arch.png`) and beside its
// Markdown file (`md/en/intro/media/…`, addressed from `md/en/intro.md` as `intro/media/…`).
import { readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { LessonPlan } from '../plan/index.js'

/** Each picture of `plan` as the files to write: where, and its bytes. */
export function lessonMediaFiles(plan: LessonPlan, page: string, markdown: string): Array<{ file: string; bytes: Buffer }> {
  const markdownDir = join(dirname(markdown), plan.slug)
  return (plan.media ?? []).flatMap(({ source, target }) => {
    const bytes = readFileSync(source)
    return [
      { file: join(dirname(page), ...target.split('/')), bytes },
      { file: join(markdownDir, ...target.split('/')), bytes },
    ]
  })
}

/** In a copy of the tree for the Markdown file: picture addresses from `md/<locale>/`, one folder up from the page's. */
export function markdownMediaAddresses(tree: Root, plan: LessonPlan): void {
  if (!plan.media?.length) return
  const prefix = `${encodeURIComponent(plan.slug)}/`
  visit(tree, (node) => {
    if ((node.type === 'image' || node.type === 'definition') && plan.media?.some((media) => node.url.startsWith(media.target.split('/').map(encodeURIComponent).join('/')))) node.url = prefix + node.url
    else if (node.type === 'html') node.value = node.value.replace(/(<img\b[^>]*?\ssrc\s*=\s*["'])(media\/)/gi, `$1${prefix}$2`)
  })
}

/** What a page's pictures are, for its inputs (a picture changed, the page and its pictures are written again). */
export function mediaStamp(plan: LessonPlan): Array<[string, number, number]> {
  return (plan.media ?? []).map(({ source, target }) => {
    const stat = statSync(source, { throwIfNoEntry: false })
    return [target, stat?.size ?? -1, stat?.mtimeMs ?? -1]
  })
}
