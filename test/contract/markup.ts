/**
 * Framework-neutral DOM serialization for the cross-framework markup check (MARKUP.md, last section).
 * Sorted attributes, no comments or whitespace-only text, no framework noise, control values from properties.
 */

import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

const NOISE = /^(_ngcontent-|_nghost-|ng-|data-v-)/
const PROPERTY_ATTRIBUTES = new Set(['value', 'checked', 'selected'])

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;')
}

const ID_REFERENCES = new Set(['id', 'for', 'aria-labelledby', 'aria-describedby', 'aria-controls'])

/**
 * Each framework derives its own default id prefix per screen instance (React and Vue `useId`, an Angular counter):
 * ids and references to them are compared with the prefix written as `{id}`.
 */
function neutralIds(value: string, prefix: string | undefined): string {
  if (prefix === undefined) return value
  return value
    .split(' ')
    .map((token) => (token.startsWith(`${prefix}-`) ? `{id}${token.slice(prefix.length)}` : token))
    .join(' ')
}

function serialize(node: Node, depth: number, lines: string[], prefix: string | undefined): void {
  const indent = '  '.repeat(depth)
  if (node.nodeType === 3) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim()
    if (text !== '') lines.push(`${indent}${escapeText(text)}`)
    return
  }
  if (node.nodeType !== 1) return
  const element = node as Element
  const tag = element.tagName.toLowerCase()
  const attributes = [...element.attributes]
    .filter((attribute) => !NOISE.test(attribute.name) && !PROPERTY_ATTRIBUTES.has(attribute.name))
    .map((attribute) => {
      const value = ID_REFERENCES.has(attribute.name) ? neutralIds(attribute.value, prefix) : attribute.value
      return `${attribute.name}="${escapeAttribute(value)}"`
    })
  if (tag === 'option') attributes.push(`value="${escapeAttribute((element as HTMLOptionElement).value)}"`)
  if (tag === 'input' && (element as HTMLInputElement).type === 'checkbox') {
    attributes.push(`.checked="${String((element as HTMLInputElement).checked)}"`)
  } else if (tag === 'input' || tag === 'select' || tag === 'textarea') {
    attributes.push(`.value="${escapeAttribute((element as HTMLInputElement).value)}"`)
  }
  attributes.sort()
  const open = `${indent}<${tag}${attributes.length > 0 ? ' ' + attributes.join(' ') : ''}>`
  const children: string[] = []
  for (const child of element.childNodes) serialize(child, depth + 1, children, prefix)
  if (children.length === 0) {
    lines.push(`${open}</${tag}>`)
    return
  }
  lines.push(open, ...children, `${indent}</${tag}>`)
}

/** The normalized markup of `element` (one node per line, indented). */
export function normalizeMarkup(element: Element): string {
  const lines: string[] = []
  // The heading carries the prefix on every screen, also those without a form (provider buttons alone).
  const headingId = element.querySelector('[data-af-heading]')?.id ?? ''
  serialize(element, 0, lines, headingId.endsWith('-heading') ? headingId.slice(0, -'-heading'.length) : undefined)
  return `${lines.join('\n')}\n`
}

/** The `[data-af-root]` element inside a rendered container (the host element of a binding is not compared). */
export function screenRoot(container: Element): Element {
  const root = container.matches('[data-af-root]') ? container : container.querySelector('[data-af-root]')
  if (!root) throw new Error(`No [data-af-root] element in:\n${container.innerHTML}`)
  return root
}

/**
 * Compares the screen's normalized markup with the shared file `__markup__/<name>.txt`, written by the React
 * run and matched by every other binding.
 */
export async function expectMarkup(container: Element, name: string): Promise<void> {
  // Built from the module path: jsdom's global URL resolves file: URLs against the page origin.
  const path = join(dirname(fileURLToPath(import.meta.url)), '__markup__', `${name}.txt`)
  await expect(normalizeMarkup(screenRoot(container))).toMatchFileSnapshot(path)
}
