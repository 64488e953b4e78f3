// Secret masking without Docker: the built-in detectors on many shapes and encodings of fake
// credentials, the lesson's own secrets in their encoded forms, stable masks, and output that
// only looks technical (digests, container ids, UUIDs) left alone.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SecretMasker } from '../src/run/secrets/index.js'
import { fakeSecrets } from './fake-secrets.js'

describe('SecretMasker', () => {
  it('masks 200 fake secrets of every built-in kind, wherever they are printed', () => {
    const secrets = fakeSecrets(200)
    expect(secrets).toHaveLength(200)
    const masker = new SecretMasker()
    for (const { secret, printed } of secrets) {
      const masked = masker.mask(printed)
      expect(masked, printed).not.toContain(secret)
      expect(masked, printed).toMatch(/⟦redacted:[a-z-]+:\d+⟧/)
    }
  })

  it('keeps what surrounds a secret, so the output still reads', () => {
    const masker = new SecretMasker()
    expect(masker.mask('postgres://app:s3cr3t-pass@db:5432/app')).toBe('postgres://app:⟦redacted:url-password:1⟧@db:5432/app')
    expect(masker.mask('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('aws_secret_access_key = ⟦redacted:aws-secret-access-key:1⟧')
    expect(masker.mask('Authorization: Bearer abc.def-ghi_123456')).toBe('Authorization: Bearer ⟦redacted:authorization:1⟧')
  })

  it('gives one secret one mask, and another secret the next number', () => {
    const masker = new SecretMasker()
    const first = 'AKIAIOSFODNN7EXAMPLE'
    const second = 'AKIAI44QH8DHBEXAMPLE'
    expect(masker.mask(`${first} ${second} ${first}`)).toBe('⟦redacted:aws-access-key-id:1⟧ ⟦redacted:aws-access-key-id:2⟧ ⟦redacted:aws-access-key-id:1⟧')
    // Rebuilt from the same run, the same bytes.
    expect(new SecretMasker().mask(`${first} ${second}`)).toBe(new SecretMasker().mask(`${first} ${second}`))
  })

  it('masks a lesson\'s own secrets, also base64- and URL-encoded, and its patterns', () => {
    const masker = new SecretMasker({ values: ['hunter2-db-pass', 'p@ss w/rd'], patterns: [/tok_[a-z0-9]{12}/] })
    const outputs = [
      'DB_PASSWORD=hunter2-db-pass',
      Buffer.from('hunter2-db-pass').toString('base64'),
      Buffer.from('hunter2-db-pass\n').toString('base64'),
      Buffer.from('hunter2-db-pass').toString('base64url'),
      `curl -d password=${encodeURIComponent('p@ss w/rd')}`,
      'token tok_abcdef123456 issued',
    ]
    for (const output of outputs) {
      const masked = masker.mask(output)
      expect(masked, output).toMatch(/⟦redacted:secret:\d+⟧/)
      expect(masked).not.toMatch(/hunter2|p%40ss|tok_abc|aHVudGVy/)
    }
  })

  it('leaves digests, container ids, UUIDs and ordinary output alone', () => {
    const masker = new SecretMasker()
    const ordinary = [
      `sha256:${createHash('sha256').update('x').digest('hex')}`,
      '3f4e2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f',
      'c0ffee00-1234-4abc-9def-0123456789ab',
      'root  1  0.0  0.1  167556 11460 ?  Ss  10:00  0:01 /sbin/init',
      'https://registry-1.docker.io/v2/library/alpine/manifests/latest',
      'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host',
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      'Authorization: Bearer',
    ]
    for (const text of ordinary) expect(masker.mask(text), text).toBe(text)
  })

  it('locates secrets in a committed file without masking them', () => {
    const text = '{"output": "key AKIAIOSFODNN7EXAMPLE and ghp_' + 'a'.repeat(36) + '"}'
    expect(new SecretMasker().locate(text).map((found) => [found.kind, text.slice(found.index, found.index + 4)])).toEqual([
      ['aws-access-key-id', 'AKIA'],
      ['github-token', 'ghp_'],
    ])
    // What masking left is no secret.
    const masker = new SecretMasker()
    expect(masker.locate(masker.mask('postgres://app:s3cr3t@db/app Authorization: Bearer abcdefgh12345'))).toEqual([])
  })
})
