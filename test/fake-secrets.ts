// Fake credentials in the shapes the built-in detectors know, printed the many ways lessons
// print them (a config file, an env dump, JSON, a URL, a header). Deterministic: a seeded
// generator, so a failing case names the same secret every run. None of these is real.

export interface FakeSecret {
  /** What must never survive masking. */
  secret: string
  /** A line of output holding it. */
  printed: string
}

/** `count` fake secrets, cycling through every kind and every way of printing it. */
export function fakeSecrets(count: number): FakeSecret[] {
  let seed = 42
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[next() % alphabet.length]).join('')
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  const b64 = `${alnum}+/`
  const url = `${alnum}-_`
  const makers: Array<() => FakeSecret> = [
    () => { const s = `AKIA${pick(upper, 16)}`; return { secret: s, printed: `aws_access_key_id = ${s}` } },
    () => { const s = `ASIA${pick(upper, 16)}`; return { secret: s, printed: `{"AccessKeyId": "${s}"}` } },
    () => { const s = pick(b64, 40); return { secret: s, printed: `aws_secret_access_key=${s}` } },
    () => { const s = pick(b64, 40); return { secret: s, printed: `export AWS_SECRET_ACCESS_KEY="${s}"` } },
    () => { const s = pick(b64, 40); return { secret: s, printed: `  "SecretAccessKey": "${s}",` } },
    () => { const s = `ghp_${pick(alnum, 36)}`; return { secret: s, printed: `GITHUB_TOKEN=${s}` } },
    () => { const s = `gho_${pick(alnum, 36)}`; return { secret: s, printed: `oauth: ${s}` } },
    () => { const s = `github_pat_${pick(`${alnum}_`, 82)}`; return { secret: s, printed: `token ${s}` } },
    () => { const s = `glpat-${pick(url, 20)}`; return { secret: s, printed: `CI_TOKEN: ${s}` } },
    () => { const s = `xoxb-${pick('0123456789', 12)}-${pick(alnum, 24)}`; return { secret: s, printed: `slack_bot_token="${s}"` } },
    () => { const s = `xoxp-${pick('0123456789', 11)}-${pick(alnum, 32)}`; return { secret: s, printed: s } },
    () => {
      const body = Array.from({ length: 5 }, () => pick(b64, 64)).join('\n')
      const s = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`
      return { secret: body.split('\n')[2]!, printed: `$ cat id_rsa\n${s}\n` }
    },
    () => {
      const body = pick(b64, 60)
      return { secret: body, printed: `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----` }
    },
    () => {
      const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')
      const payload = Buffer.from(`{"sub":"${pick(alnum, 8)}"}`).toString('base64url')
      const s = `${header}.${payload}.${pick(url, 43)}`
      return { secret: s, printed: `id_token=${s}` }
    },
    () => { const s = pick(alnum, 16); return { secret: `:${s}@`, printed: `DATABASE_URL=postgres://app:${s}@db:5432/app` } },
    () => { const s = pick(alnum, 12); return { secret: `:${s}@`, printed: `redis://default:${s}@cache:6379/0` } },
    () => { const s = pick(alnum, 20); return { secret: s, printed: `> Authorization: Bearer ${s}` } },
    () => { const s = Buffer.from(`admin:${pick(alnum, 10)}`).toString('base64'); return { secret: s, printed: `Authorization: Basic ${s}` } },
  ]
  return Array.from({ length: count }, (_, index) => makers[index % makers.length]!())
}
