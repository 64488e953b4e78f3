// Pins what `import … from 'shellbook'` offers: a change here is a change of the public API.
import { expect, it } from 'vitest'
import * as shellbook from '../src/index.js'

it('exports exactly the public API', () => {
  expect(Object.keys(shellbook).sort()).toEqual([
    'DEFAULT_LOCAL_SHELL',
    'EngineUnreachableError',
    'MissingImageError',
    'ShellSession',
    'build',
    'buildReport',
    'createLocalHost',
    'createProcessor',
    'ensureImages',
    'findLessonSlugs',
    'loadLesson',
    'parseLesson',
    'planLesson',
    'probeEngine',
    'renderSite',
    'runLesson',
  ])
})
