// What a failure message says a command was waiting for.
import { describe, expect, it } from 'vitest'
import { unansweredQuestion } from '../src/run/command-failures.js'

describe('a question left unanswered', () => {
  it('is a yes/no question on the output\'s last line', () => {
    expect(unansweredQuestion('WARNING! This will remove all stopped containers.\r\nAre you sure you want to continue? [y/N] ')).toBe('Are you sure you want to continue? [y/N]')
    expect(unansweredQuestion('Do you want to continue? [Y/n] ')).toBe('Do you want to continue? [Y/n]')
    expect(unansweredQuestion('Are you sure you want to continue connecting (yes/no)? ')).toBe('Are you sure you want to continue connecting (yes/no)?')
    expect(unansweredQuestion('\u001b[1mProceed (y/n)?\u001b[0m')).toBe('Proceed (y/n)?')
  })

  it('is none when the output ends otherwise', () => {
    expect(unansweredQuestion('Pulling fs layer\n')).toBeUndefined()
    expect(unansweredQuestion('[y/N] asked earlier\nthen more output\n')).toBeUndefined()
    expect(unansweredQuestion('')).toBeUndefined()
  })
})
