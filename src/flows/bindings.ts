/**
 * Rules every binding applies to the DOM in the same way. They live here, once, so that the React, Vue and
 * Angular components only render (test/contract/MARKUP.md) and forward events.
 */
import type { ActionView, FocusRequest } from './types'

/** The part of a DOM `MouseEvent` the link rule reads. */
export interface LinkClick {
  button: number
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
  preventDefault(): void
}

/**
 * A click on an action link: a plain primary click runs the action in place (unless it is disabled); a modified
 * or non-primary click keeps the browser's own link behaviour (new tab, new window, download).
 */
export function clickActionLink(event: LinkClick, action: ActionView, perform: (id: string) => void): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  if (!action.isDisabled) perform(action.id)
}

/**
 * Decides which focus requests a binding applies. The request present at first render is skipped (nothing is
 * focused on page load); every later one is returned once, by the DOM id to focus.
 */
export function createFocusTracker(
  initial: FocusRequest | undefined,
): (request: FocusRequest | undefined) => string | undefined {
  let seen = initial?.seq
  return (request) => {
    if (!request || request.seq === seen) return undefined
    seen = request.seq
    return request.id
  }
}

/**
 * The default `idPrefix` of one screen instance, from the framework's per-instance id (React and Vue `useId`, an
 * Angular counter per application), so two screens in one document never share a DOM id, and the server and the
 * hydrating client derive the same one. Characters that need escaping in a CSS selector are dropped.
 */
export function instanceIdPrefix(instanceId: string | number): string {
  return `af-${String(instanceId).replace(/[^A-Za-z0-9-]/g, '')}`
}

/**
 * The password toggle's icon, two paths of a 24 × 24 stroked SVG: an eye, and a slash that authfront.css shows
 * while the password is visible (`aria-pressed="true"`). Shared so that every binding draws the same icon.
 */
export const EYE_ICON = 'M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Zm10-3a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z'
export const SLASH_ICON = 'M3 3l18 18'
