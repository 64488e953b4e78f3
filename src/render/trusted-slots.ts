// Shellbook's own nodes (terminal blocks, inline execs, values) kept out of the prose
// sanitiser. They carry classes, inline colours and buttons that prose must never be allowed
// to produce, and the sanitiser cannot tell who made a node. So while the lesson is turned
// into hast, each of them is held aside and an empty placeholder element stands in its
// place; the placeholders go through raw-HTML parsing (which puts them inside the author's
// `<details>` like any node) and sanitising, then are swapped back for what they hold.
// A placeholder's key is random per lesson, so prose cannot forge one; a key is used once.
import { randomUUID } from 'node:crypto'
import type { Element, ElementContent, Root, RootContent } from 'hast'
import type { Schema } from 'hast-util-sanitize'

const slotTag = 'shellbook-slot'

export interface TrustedSlots {
  /** A placeholder for a node shellbook made. */
  hold(node: ElementContent): Element
  /** `schema`, also letting the placeholders through. */
  allowIn(schema: Schema): Schema
  /** Put the held nodes back in place of their placeholders; stray or forged ones are dropped. */
  fill(tree: Root): Root
}

export function createTrustedSlots(): TrustedSlots {
  const nonce = randomUUID()
  const held = new Map<string, ElementContent>()
  return {
    hold(node) {
      const key = `${nonce}-${held.size}`
      held.set(key, node)
      return { type: 'element', tagName: slotTag, properties: { dataSlot: key }, children: [] }
    },
    allowIn(schema) {
      return {
        ...schema,
        tagNames: [...(schema.tagNames ?? []), slotTag],
        attributes: { ...schema.attributes, [slotTag]: ['dataSlot'] },
      }
    },
    fill(tree) {
      const swap = <T extends RootContent | ElementContent>(children: T[]): T[] =>
        children.flatMap((child): T[] => {
          if (child.type !== 'element') return [child]
          if (child.tagName !== slotTag) return [{ ...child, children: swap(child.children) }]
          const key = String(child.properties['dataSlot'] ?? '')
          const node = held.get(key)
          held.delete(key)
          return node ? [node as T] : []
        })
      return { ...tree, children: swap(tree.children) }
    },
  }
}
