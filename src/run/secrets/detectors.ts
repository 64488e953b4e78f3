// The built-in secret detectors: shapes of credentials that must never reach a published
// page, however a lesson came to print them (a setup left them on the host, a cell cat-ed a
// file). Each finds the secret itself; text around it (`aws_secret_access_key = `, `https://user:`)
// stays, so the reader still sees what the output was.

/** A kind of secret and how to find it: the whole match, or its `secret` group. */
export interface Detector {
  kind: string
  pattern: RegExp
}

export const detectors: readonly Detector[] = [
  { kind: 'private-key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  // A secret key is 40 characters of base64 with nothing to tell it apart: found by its name.
  { kind: 'aws-secret-access-key', pattern: /(?:aws_?secret_?(?:access_?)?key|SecretAccessKey)["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi },
  { kind: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { kind: 'gitlab-token', pattern: /\bgl(?:pat|dt|ptt|rt)-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // scheme://user:password@host — the password only.
  { kind: 'url-password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:(?<secret>[^\s@/'"]+)@/gi },
  { kind: 'authorization', pattern: /\b(?:Proxy-)?Authorization:\s*(?:Bearer|Basic|Token|Digest)\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})/gi },
]
