// A tiny hast element builder (hastscript is not a dependency): enough for the few
// elements the render stage makes by hand.
import type { Element, ElementContent, Properties, Text } from 'hast'

/** An element with properties and children; strings become text nodes (escaped on output). */
export function h(tagName: string, properties: Properties, children: Array<ElementContent | string> = []): Element {
  return { type: 'element', tagName, properties, children: children.map((child) => (typeof child === 'string' ? text(child) : child)) }
}

export function text(value: string): Text {
  return { type: 'text', value }
}
