// The shape of lessons/<slug>/captures.json: one entry per distinct execution of the
// lesson (locales with equal commands share one), each keyed by its hash chain.
import { z } from '../zod.js'

export const capturesFormat = 'shellbook-captures/1'

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest')
const isoDate = z.iso.datetime({ offset: true })

const imageSchema = z.strictObject({
  name: z.string().min(1),
  id: z.string().min(1),
  standIn: z.boolean(),
})

const provenanceSchema = z.strictObject({
  hostKind: z.enum(['local', 'sandbox']),
  engineVersion: z.string(),
  kernel: z.string(),
  os: z.string(),
  images: z.array(imageSchema),
  startedAt: isoDate,
  finishedAt: isoDate,
})

const cellSchema = z.strictObject({
  cellId: z.string().regex(/^c\d+$/),
  command: z.string(),
  in: z.string().optional(),
  cwd: z.string().optional(),
  status: z.enum(['ok', 'failed', 'skipped', 'norun']),
  exitCode: z.number().int().nullable(),
  expectedExit: z.number().int(),
  durationMs: z.number().int().nonnegative(),
  startedAt: isoDate,
  timedOut: z.boolean(),
  truncated: z.boolean(),
  leftRunning: z.enum(['still-running', 'ctrl-c', 'keys', 'ended']).optional(),
  prompt: z.string().optional(),
  /** The output split at `\n`, so a diff shows which lines changed. */
  output: z.array(z.string()),
})

const executionSchema = z.strictObject({
  key: hash,
  chain: z.array(z.strictObject({ link: z.string().min(1), key: hash })).min(1),
  provenance: provenanceSchema,
  vars: z.record(z.string(), z.string()),
  cells: z.array(cellSchema),
})

export const capturesSchema = z.strictObject({
  format: z.literal(capturesFormat),
  lesson: z.string().min(1),
  executions: z.array(executionSchema),
})

export type CapturesDocument = z.infer<typeof capturesSchema>
export type FrozenExecution = z.infer<typeof executionSchema>
export type FrozenCell = z.infer<typeof cellSchema>
