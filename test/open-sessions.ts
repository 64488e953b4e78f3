// Sessions a test opens, closed after each test (a shell left open would outlive the run).
import { afterEach } from 'vitest'
import { DEFAULT_LOCAL_SHELL, ShellSession, type SessionOptions } from '../src/run/session/index.js'

const opened: ShellSession[] = []

afterEach(async () => {
  await Promise.all(opened.splice(0).map((session) => session.close()))
})

/** Open a session (a local bash unless `shell` says otherwise), closed after the test. */
export async function open(options: Partial<SessionOptions> = {}): Promise<ShellSession> {
  const session = await ShellSession.open({ shell: DEFAULT_LOCAL_SHELL, ...options })
  opened.push(session)
  return session
}
