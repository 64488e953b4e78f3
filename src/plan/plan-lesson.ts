// mdast with exec nodes → a LessonPlan: cells in document order with validated options,
// and the steps that evaluate each variable at its first use.
import type { Root } from 'mdast'
import type { Position } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { ExecCommand, ExecScript, RawAttributes } from '../parse/index.js'
import { readCellOptions } from './cell-options.js'
import { markBackground } from './keeps-running.js'
import { markShellAttaches } from './shell-containers.js'
import type { LessonConfig } from './lesson-config.js'
import { findPlaceholders, findTextPlaceholders, placeholderPosition } from './placeholders.js'
import type { Cell, LessonPlan, OutputVar, Step } from './types.js'
import { error, excerpt, warning } from '../messages.js'
import { findCell } from './cell-reference.js'
import { describeOrigin } from './scenario/index.js'
import type { OutputBinding } from './lesson-config.js'

/** What the planner needs besides the tree. */
export interface PlanInput {
  slug: string
  locale: string
  file: VFile
  tree: Root
  config: LessonConfig
  /** lesson.yaml, for messages about its values (setup, teardown). */
  configFile: VFile
  /** Title when lesson.yaml gives none for the locale (a scenario's index.json title); default the first heading. */
  defaultTitle?: string | undefined
  description?: string | undefined
}

/** Build the plan; every problem becomes a positioned message on `input.file`. */
export function planLesson(input: PlanInput): LessonPlan {
  const { file, tree, config } = input
  const planner = new Planner(file, config)
  visit(tree, (node) => {
    if (node.type === 'execInline') for (const exec of node.commands) planner.addCommand(exec, node.attributes, node.position)
    else if (node.type === 'execBlock') for (const exec of node.commands) planner.addCommand(exec, node.attributes, node.position, node.script)
    else if (node.type === 'val') planner.addVal(node.name, node.position)
  })
  markShellAttaches(planner.cells)
  markBackground(planner.cells)
  const outputVars = planner.resolveOutputVars()
  return {
    slug: input.slug,
    locale: input.locale,
    title: config.title[input.locale] ?? (input.defaultTitle || undefined) ?? firstHeading(tree) ?? input.slug,
    ...(input.description ? { description: input.description } : {}),
    file,
    config,
    configFile: input.configFile,
    tree,
    cells: planner.cells,
    steps: planner.steps,
    outputVars,
  }
}

/** Walks the lesson once, in document order, collecting cells and variable steps. */
class Planner {
  readonly cells: Cell[] = []
  readonly steps: Step[] = []
  private readonly evaluated = new Set<string>()
  /** Output variables used, with their first use and whether a command needs them. */
  private readonly outputUses = new Map<string, { position: Position; inCommands: boolean; beforeCell?: Position }>()
  private readonly containers: Set<string>
  /** The file's lines, split at the first attribute problem (once, not per message). */
  private sourceLines: string[] | undefined

  constructor(private readonly file: VFile, private readonly config: LessonConfig) {
    this.containers = new Set(config.containers)
  }

  addCommand(exec: ExecCommand, attributes: RawAttributes, nodePosition: Position | undefined, script?: ExecScript): void {
    const { options, problems } = readCellOptions(attributes, { timeoutSeconds: this.config.timeout })
    for (const problem of problems) error(this.file, problem.reason, this.attributeAt(problem.name, nodePosition ?? exec.position), problem.ruleId)
    // A cell that never runs (`{{copy}}`, `norun`) is shown as written, and a scenario's scripts
    // are shell files run as written: nothing in them is a placeholder.
    const vars = options.norun || script ? [] : [
      ...this.placeholdersIn(exec.command, exec.position.start),
      ...(exec.cwd ? this.placeholdersIn(exec.cwd, promptStart(exec)) : []),
      ...(options.in ? this.containerVars(options.in, this.attributeAt('in', nodePosition ?? exec.position)) : []),
    ]
    const cell: Cell = {
      id: `c${this.cells.length + 1}`,
      command: exec.command,
      options,
      vars: [...new Set(vars)],
      position: exec.position,
    }
    if (exec.cwd) cell.cwd = exec.cwd
    if (script) cell.script = script
    // Own keys only: a command named `toString` has no wait.
    if (Object.hasOwn(this.config.waits, exec.command)) cell.waitUntil = this.config.waits[exec.command]!
    exec.cellId = cell.id
    for (const name of cell.vars) this.evaluateOnce(name, exec.position, [], true)
    this.cells.push(cell)
    this.steps.push({ kind: 'cell', cell })
    for (const name of containersCreatedBy(exec.command)) this.containers.add(name)
  }

  addVal(name: string, position: Position | undefined): void {
    const place = position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }
    if (!Object.hasOwn(this.config.vars, name)) {
      error(this.file, `Unexpected \`:val[${name}]\` with no variable, expected a \`${name}\` entry under \`vars\` in lesson.yaml`, place, 'unknown-var')
      return
    }
    this.evaluateOnce(name, place, [], false)
  }

  /** Resolve every output variable used to its cell; a cell that is not there is reported at the first use. */
  resolveOutputVars(): Record<string, OutputVar> {
    const resolved: Record<string, OutputVar> = {}
    for (const [name, use] of this.outputUses) {
      const binding = this.config.vars[name] as OutputBinding
      const cell = findCell(this.cells, binding.cell)
      if (!cell) {
        error(this.file, `Unexpected \`${excerpt(binding.cell)}\` as the cell of variable \`${name}\`, expected a cell's \`name=\` or its command as written in the lesson`, use.position, 'unknown-cell')
        continue
      }
      if (use.beforeCell) {
        error(this.file, `Unexpected \`<${name}>\` before the cell it is read from (\`${excerpt(binding.cell)}\`, ${describeOrigin(this.file, cell.position.start, this.file.basename ?? '')}), expected a command after that cell`, use.beforeCell, 'var-before-cell')
        continue
      }
      resolved[name] = { cellId: cell.id, match: binding.match, inCommands: use.inCommands }
    }
    return resolved
  }

  /** Names of bound placeholders in `text`; unbound ones are reported at their exact column. */
  private placeholdersIn(text: string, start: Position['start']): string[] {
    const names: string[] = []
    for (const placeholder of findPlaceholders(text)) {
      if (Object.hasOwn(this.config.vars, placeholder.name)) {
        names.push(placeholder.name)
        continue
      }
      error(this.file, 
        `Unexpected placeholder \`<${placeholder.name}>\` with no variable, expected a \`${placeholder.name}\` entry under \`vars\` in lesson.yaml`,
        placeholderPosition(start, text, placeholder),
        'unbound-placeholder',
      )
    }
    // `echo "ns <pidns>"` prints `<pidns>` as written: said, since the author meant the value.
    for (const quoted of findTextPlaceholders(text)) {
      if (!Object.hasOwn(this.config.vars, quoted.name)) continue
      warning(this.file,
        `Unexpected \`<${quoted.name}>\` inside quotes, a heredoc or a comment, where the shell reads it as text and it stays as written, expected it outside quotes to be filled with variable \`${quoted.name}\``,
        placeholderPosition(start, text, quoted),
        'quoted-placeholder',
      )
    }
    return names
  }

  /** `in=<box>` names a variable; `in=db` must be a container the lesson created or declared. */
  private containerVars(target: string, position: Position): string[] {
    if (findPlaceholders(target).length > 0) return this.placeholdersIn(target, position.start)
    if (!this.containers.has(target)) {
      const known = [...this.containers].map((name) => `\`${name}\``).join(', ') || 'none so far'
      error(this.file, 
        `Unexpected container \`${target}\` in \`in=${target}\`, expected one created earlier in the lesson with \`docker run --name\` or listed under \`containers\` in lesson.yaml (known: ${known})`,
        position,
        'unknown-container',
      )
    }
    return []
  }

  /**
   * Add a step for `name`, after the variables its own expression names (`<box>`). An output
   * variable has no step: it is read from its cell's capture, which a command must follow.
   */
  private evaluateOnce(name: string, position: Position, chain: readonly string[], inCommand: boolean): void {
    const expression = this.config.vars[name]
    if (expression !== undefined && typeof expression !== 'string') {
      this.useOutputVar(name, expression, position, inCommand)
      return
    }
    if (this.evaluated.has(name)) return
    if (chain.includes(name)) {
      error(this.file, `Unexpected cycle between variables ${[...chain, name].map((n) => `\`${n}\``).join(' → ')}, expected each to need only earlier ones`, position, 'var-cycle')
      return
    }
    for (const dependency of findPlaceholders(expression ?? '')) {
      if (Object.hasOwn(this.config.vars, dependency.name)) {
        this.evaluateOnce(dependency.name, position, [...chain, name], true)
        continue
      }
      error(this.file, 
        `Unexpected placeholder \`<${dependency.name}>\` in variable \`${name}\` of lesson.yaml, expected a \`${dependency.name}\` entry under \`vars\``,
        position,
        'unbound-placeholder',
      )
    }
    this.evaluated.add(name)
    this.steps.push({ kind: 'var', name, position })
  }

  /** Record a use of an output variable; a command may only use the output of a cell before it. */
  private useOutputVar(name: string, binding: OutputBinding, position: Position, inCommand: boolean): void {
    const use = this.outputUses.get(name) ?? { position, inCommands: false }
    this.outputUses.set(name, use)
    if (!inCommand) return
    use.inCommands = true
    if (!findCell(this.cells, binding.cell)) use.beforeCell ??= position
  }

  /** Where `name` (as in `{in=db}` or `{{…}}{exit=1}`) is written on the node's first line. */
  private attributeAt(name: string, position: Position): Position {
    this.sourceLines ??= String(this.file.value).split('\n')
    const line = this.sourceLines[position.start.line - 1] ?? ''
    const found = new RegExp(`[{\\s]${name}(?=[=\\s}])`).exec(line.slice(position.start.column - 1))
    if (!found) return position
    const column = position.start.column + found.index + 1
    return { start: { line: position.start.line, column }, end: { line: position.start.line, column: column + name.length } }
  }

}

/** Where a `<path># ` prompt starts: the command column minus the prompt's width. */
function promptStart(exec: ExecCommand): Position['start'] {
  return { line: exec.position.start.line, column: Math.max(1, exec.position.start.column - exec.prompt.length) }
}

/** Container names a command creates: `docker run … --name=db` / `--name db` (also `docker create`). */
export function containersCreatedBy(command: string): string[] {
  if (!/\bdocker\s+(?:container\s+)?(?:run|create)\b/.test(command)) return []
  return [...command.matchAll(/--name(?:=|\s+)([\w.-]+)/g)].map((match) => match[1]!)
}

function firstHeading(tree: Root): string | undefined {
  let title: string | undefined
  visit(tree, 'heading', (node) => {
    if (title !== undefined) return
    title = node.children.map((child) => ('value' in child ? child.value : '')).join('')
  })
  return title
}
