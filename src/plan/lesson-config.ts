// lesson.yaml: what runs, shared by every translation of a lesson.
import { z } from '../zod.js'

/** Where lessons run: a disposable Docker-in-Docker sandbox (default), or this machine's own engine and shell. */
export const hostKinds = ['sandbox', 'local'] as const
export type HostKind = (typeof hostKinds)[number]

// RFC 1123 labels (letters, digits, inner hyphens), dot-separated, within Linux's 64 bytes.
const hostnamePattern = /^(?=.{1,64}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

/** A variable read from a cell's output: the cell (its `name=`, or its command as written) and a regular expression. */
const outputBindingSchema = z
  .object({
    cell: z.string().min(1),
    match: z.string().min(1).refine((source) => validRegExp(source), 'a JavaScript regular expression'),
  })
  .strict()

export type OutputBinding = z.infer<typeof outputBindingSchema>

/** Shape of `lessons/<slug>/lesson.yaml`. */
export const lessonConfigSchema = z
  .object({
    /** Title per locale: `{fr: …, zh: …}`; default: index.json's `title`, else the first heading. */
    title: z.record(z.string(), z.string().min(1)).default({}),
    /**
     * Locale the lesson was written in; translations must run its commands. Default: the
     * first locale of `title` that has a Markdown file.
     */
    source: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/).optional(),
    /** Images the lesson needs, made available before it starts; default: those its commands run (`docker run IMAGE`, `FROM`). */
    images: z.array(z.string().min(1)).default([]),
    /** Host kind the lesson needs, when it needs one (`--host` overrides); default: the build's (`sandbox`). */
    host: z.enum(hostKinds).optional(),
    /**
     * The sandbox host's name (`hostname`, `/etc/hostname`); default `host01`, as Katacoda's
     * hosts were called (the sandbox's DEFAULT_HOSTNAME). No default here: unset stays
     * undefined, so the execution key changes only for lessons that set it.
     */
    hostname: z
      .string()
      .regex(hostnamePattern, 'expected a hostname such as `host01` (letters, digits and inner `-`, dot-separated, at most 64 characters)')
      .optional(),
    /** Outside network for the lesson's sandbox (`apt-get install` from a mirror); default none. */
    network: z.boolean().default(false),
    /** Default cell timeout, in seconds. */
    timeout: z.number().positive().default(30),
    /** Hidden commands run before the first cell and after the last. */
    setup: z.array(z.string().min(1)).default([]),
    teardown: z.array(z.string().min(1)).default([]),
    /**
     * name → a shell expression evaluated in the lesson's session at first use, or a value
     * read from a cell's captured output with no shell: `{cell: ns-web, match: 'pid:\[(\d+)\]'}`
     * (the first match; its first group when it has one).
     */
    vars: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/), z.union([z.string().min(1), outputBindingSchema])).default({}),
    /**
     * cell (its `name=`, or its command as written) → what its output must hold: text lines
     * (`[..]` any text within a line, a `...` line any lines), or `/regular expression/`.
     * Checked against every capture, live or frozen; a claim that fails fails the build.
     */
    claims: z.record(z.string().min(1), z.array(z.string().min(1).refine((claim) => validClaim(claim), 'a claim: text lines, or a `/regular expression/`'))).default({}),
    /**
     * command → shell condition: after that command (as written in the lesson), wait until
     * the condition holds, as a reader pausing between steps would (a server naming itself).
     */
    waits: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Containers a lesson reaches with `in=` that no `docker run --name` of the lesson creates. */
    containers: z.array(z.string().min(1)).default([]),
    /**
     * Secrets masked in every output (captures.json, pages, Markdown, report) beside the
     * built-in detectors: `env` names variables passed in from the build's environment
     * (exported in the lesson's shells), `values` literal strings, `patterns` regular
     * expressions. Unset: only the detectors.
     */
    secrets: z
      .object({
        env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name such as GITHUB_TOKEN')).default([]),
        values: z.array(z.string().min(4, 'a secret of at least 4 characters')).default([]),
        patterns: z
          .array(z.string().min(1).refine((source) => validRegExp(source), 'a JavaScript regular expression'))
          .default([]),
      })
      .strict()
      .optional(),
    /** Terminal size of the lesson's sessions. */
    terminal: z
      .object({
        cols: z.number().int().min(20).default(200),
        rows: z.number().int().min(5).default(50),
        /** TERM of the lesson's shells; unset: xterm-256color. Left unset, it stays out of the execution key. */
        term: z.string().regex(/^[\w.+-]+$/, 'a terminal type such as xterm-256color').optional(),
        /** LANG of the lesson's shells; unset: C.UTF-8. */
        locale: z.string().regex(/^[\w.@-]+$/, 'a locale such as C.UTF-8 or fr_FR.UTF-8').optional(),
      })
      .default({ cols: 200, rows: 50 }),
  })
  .strict()

export type LessonConfig = z.infer<typeof lessonConfigSchema>

/** A claim `/…/flags` must be a valid regular expression; any other text is valid. */
function validClaim(claim: string): boolean {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(claim)
  if (!regex) return true
  try {
    new RegExp(regex[1]!, regex[2])
    return true
  } catch {
    return false
  }
}

function validRegExp(source: string): boolean {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}
