// Pins what `import … from 'shellbook'` offers: a change here is a change of the public API.
import { expect, it } from 'vitest'
import * as shellbook from '../src/index.js'

it('exports exactly the public API', () => {
  expect(Object.keys(shellbook).sort()).toEqual([
    'DEFAULT_LOCAL_SHELL',
    'EngineUnreachableError',
    'LESSON_HOST_IMAGE',
    'MissingImageError',
    'ShellSession',
    'build',
    'buildReport',
    'checkLessons',
    'createLocalHost',
    'createProcessor',
    'createSandboxHost',
    'ensureImages',
    'findLessonSlugs',
    'inferImages',
    'loadLesson',
    'parseLesson',
    'planExecutions',
    'planLesson',
    'probeEngine',
    'readCaptures',
    'reapOrphans',
    'relocateMessages',
    'remarkConsoleBlocks',
    'remarkDirectivesToText',
    'remarkInputLimits',
    'remarkKatacodaEditorFiles',
    'remarkKatacodaFences',
    'remarkKatacodaMarkers',
    'remarkVal',
    'removeLabelled',
    'renderSite',
    'rules',
    'runExecutions',
    'runLesson',
    'scanLessonsFolder',
    'writeCaptures',
  ])
})
