// Plan stage: mdast → Lesson plans.
export type { Cell, CellOptions, LessonPlan, Step } from './types.js'
export type { LessonConfig } from './lesson-config.js'
export { lessonConfigSchema } from './lesson-config.js'
export { findLessonSlugs, hasErrors, loadLesson, type LoadedLesson } from './load-lessons.js'
export { planLesson, containersCreatedBy, type PlanInput } from './plan-lesson.js'
export { fillPlaceholders, findPlaceholders } from './placeholders.js'
