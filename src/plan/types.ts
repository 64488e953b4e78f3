// The Lesson plan: what the run stage executes and the render stage shows.
import type { LessonMedia } from './lesson-media.js'
import type { Root } from 'mdast'
import type { ExecScript } from '../parse/index.js'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { LessonConfig } from './lesson-config.js'

/** Validated options of one cell. */
export interface CellOptions {
  /** Session (terminal) the cell runs in; default `'1'`. */
  session: string
  /** Container the cell runs inside (`docker exec`); may be a `<var>` placeholder. */
  in?: string
  /** Expected exit status; default 0. */
  exit: number
  /** Time allowed before Ctrl-C; default the lesson's timeout (30 s). */
  timeoutMs: number
  /** Run without showing; default false. */
  hidden: boolean
  /** Show without running; default false. */
  norun: boolean
  /** Send Ctrl-C to the session before running; default false. */
  interrupt: boolean
  /**
   * Keystrokes for the program running in the session, not a command: typed with no Enter
   * (Katacoda `no-newline`), or control keys written `^C`, `^D` (`ctrl-seq`); default false.
   */
  keys: boolean
  /** A name tag (Katacoda `{{execute test-uname}}`); it names the cell, never changes what runs. */
  name?: string
  /** What the output must hold (`claim="…"`: text lines with `[..]` / `...`, or `/regex/`); checked, never changes what runs. */
  claim?: string
  /**
   * The command keeps running (a server, `top -b`, `tail -f`): once settled, the lesson goes on
   * and the terminal stays busy until a later `interrupt`. Set by `background`, or by the plan
   * when the command is known to keep running or a later cell in its terminal interrupts it.
   */
  background?: true
  /** A command left running has settled once its output was quiet this long; default 1.5 s. */
  quietMs?: number
  /** …or once it ran this long, however busy its output; default 5 s. */
  settleMs?: number
  /** Run for this long, then stop with Ctrl-C: a success whatever status the program exits with. */
  stopAfterMs?: number
  /** Show only the first N lines of the output (render only; captures keep it all). */
  head?: number
  /** Show only the last N lines of the output (render only). */
  tail?: number
  /** Show only lines `from` to `to` (1-based, inclusive; no `to`: to the end) of the output (render only). */
  lines?: { from: number; to?: number }
}

/** One command to run, in document order. */
export interface Cell {
  /** Stable id in document order: `c1`, `c2`… */
  id: string
  /** The command as written, with `<name>` placeholders still in it. */
  command: string
  /** Working directory from a `<path># ` prompt, placeholders still in it. */
  cwd?: string
  options: CellOptions
  /** Hidden condition to wait for after the cell (lesson.yaml `waits`). */
  waitUntil?: string
  /** Variables this cell needs (placeholders in its command, cwd or `in`), in order of appearance. */
  vars: string[]
  /** Where the command stands in the lesson file. */
  position: Position
  /** A scenario script this hidden cell runs (background, foreground, verify, assets). */
  script?: ExecScript
  /** The command never ends by itself (`tail -f`, a server, `top`): a reader stops it before typing the next command in its terminal. */
  keepsRunning?: true
  /** A filter reading the terminal (`tr a-z A-Z`, `cat > notes`): the next cell is its input, then Ctrl-D ends it. */
  readsTyping?: true
  /** The key a reader leaves this pager or monitor with (`q` for `less`, `top`) before typing the next command. */
  quitKey?: string
  /** `docker attach box` to a container an earlier cell started with a shell on a terminal: the next cells are typed at that shell. */
  attachesShell?: true
  /** An editor (`nano notes.txt`, `vim app.py`): the keys that leave it, tried in turn before a command that is no keys for it. */
  editorLeaveKeys?: readonly string[]
  /** A vi-like editor (`vim notes.txt`): a line typed into it as an ex command (`:wq`) gets Esc first, as the reader pressed it. */
  viEditor?: true
}

/** What the runner does, in order: evaluate a variable at its first use, or run a cell. */
export type Step =
  | { kind: 'var'; name: string; position: Position }
  | { kind: 'cell'; cell: Cell }

/** A lesson.yaml variable read from a cell's captured output (`{cell, match}`), resolved to the cell. */
export interface OutputVar {
  cellId: string
  /** The regular expression; the value is its first group, else the whole match. */
  match: string
  /** A command uses it (`<name>`), so the execution depends on it; prose-only ones never re-execute. */
  inCommands: boolean
}

/** One lesson in one locale, ready to run and render. */
export interface LessonPlan {
  slug: string
  locale: string
  title: string
  /** One sentence about the lesson (a scenario's index.json `description`, in its source locale). */
  description?: string | undefined
  /** The locale's Markdown file (its messages carry every positioned problem). */
  file: VFile
  config: LessonConfig
  /** lesson.yaml, shared by every locale: messages about its values (setup, teardown) go there. */
  configFile: VFile
  /** The lesson's mdast; exec commands carry their `cellId`. */
  tree: Root
  cells: Cell[]
  steps: Step[]
  /** Variables read from cells' outputs, by name (no step: no shell evaluates them). */
  outputVars: Record<string, OutputVar>
  /** Pictures from the lesson folder its pages show, addressed as `media/…` in `tree` (lesson-media.ts). */
  media?: LessonMedia[] | undefined
}
