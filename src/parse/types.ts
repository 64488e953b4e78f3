// Nodes shellbook adds to mdast. The parser produces them; the planner gives each
// command a cell id; the renderer turns them into HTML and Markdown.
import type { Data, Literal, Node } from 'mdast'
import type { Point, Position } from 'unist'

/** Cell options as written (`{in=db exit=1 hidden}`, `{{execute T2}}`), values still raw strings. */
export type RawAttributes = Record<string, string>

/** One command of an exec node, with where it stands in the lesson. */
export interface ExecCommand {
  /** The command as written: placeholders (`<ppid>`) unresolved, continuation lines kept. */
  command: string
  /** The prompt as written: `$ `, `# `, `/proc/<shim>/ns# `, `root@host:~# `; empty for Katacoda cells. */
  prompt: string
  /** Working directory a prompt names (`/tmp# `, `root@host:/app# `, `[root@host ~]# `; `~` is home); may hold placeholders. */
  cwd?: string
  /** Sample output the author wrote after the command; the real capture replaces it. */
  sample?: string
  /** Lines of the sample in the lesson file (1-based, inclusive), for `--update-samples`. */
  sampleLines?: { start: number; end: number }
  /** Lines of the command itself in the lesson file. */
  position: Position
  /** Set by the planner: the id of the cell this command became. */
  cellId?: string
}

/**
 * Inline code that runs: `` `ps aux`{{execute}} ``. Phrasing content, kept inside its paragraph;
 * `value` is the code as mdast reads it.
 */
export interface ExecInline extends Literal {
  type: 'execInline'
  attributes: RawAttributes
  /**
   * What it types, one command per logical line of the source: most inline code is one line,
   * one command; code spanning lines (`` `a⏎b`{{execute}} ``) is typed line by line, and a line
   * ending in `\` continues on the next, as in a fence.
   */
  commands: ExecCommand[]
  /** Where a word glued to the marker starts (`` `x`{{execute}}to find ``); unset when none is. */
  gluedAt?: Point
  data?: Data
}

/** A fenced block that runs: a console block with prompts, or a Katacoda fence with a marker. */
export interface ExecBlock extends Node {
  type: 'execBlock'
  /** Fence language (`bash`, `console`…), null when none was given. */
  lang: string | null
  attributes: RawAttributes
  commands: ExecCommand[]
  /** Set on the hidden blocks a scenario's scripts become (never written in Markdown). */
  script?: ExecScript
  data?: Data
}

/**
 * A Katacoda/Killercoda script a hidden block runs. background: hidden, before its page,
 * waited for within a bound; foreground: typed into terminal 1; verify: after its step, an
 * assertion; assets: files copied into the host first.
 */
export interface ExecScript {
  kind: 'assets' | 'background' | 'foreground' | 'verify'
  /** The file as index.json names it (`step1/verify.sh`), for messages. */
  name: string
  /** Text sent instead of the command, which then only describes it (the assets' contents). */
  body?: string | undefined
}

/** `:val[name]` in prose: the live value of a lesson variable. */
export interface Val extends Node {
  type: 'val'
  name: string
  data?: Data
}

declare module 'mdast' {
  interface PhrasingContentMap {
    execInline: ExecInline
    val: Val
  }
  interface BlockContentMap {
    execBlock: ExecBlock
  }
  interface RootContentMap {
    execInline: ExecInline
    execBlock: ExecBlock
    val: Val
  }
}
