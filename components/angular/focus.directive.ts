import { DOCUMENT } from '@angular/common'
import { Directive, inject, input } from '@angular/core'
import type { AfterViewChecked } from '@angular/core'
import { createFocusTracker } from '../../src/flows'
import type { FocusRequest } from '../../src/flows'

/**
 * Applies a flow's focus requests (MARKUP.md "Focus") on the root element of a screen: `[afFocus]="state.focusRequest"`.
 * On the root, not on a `<form>`: the sign-in page switches layouts (one form, or the methods around several
 * forms, or none), and the request that caused a switch must not be lost with the view it replaced.
 *
 * A directive's `ngAfterViewChecked` runs with the checks of the view it sits in (the screen's), after that view's
 * child components: the DOM is up to date there. A hook on the screen component itself would run only with its
 * parent's view, which a signal change does not check; afterRenderEffect would add Angular's after-render effect
 * machinery to every app.
 */
@Directive({ selector: '[afFocus]' })
export class AfFocus implements AfterViewChecked {
  readonly afFocus = input<FocusRequest>()

  private readonly document = inject(DOCUMENT)
  private track: ReturnType<typeof createFocusTracker> | undefined

  ngAfterViewChecked(): void {
    const request = this.afFocus()
    // The first check only records the request present at creation: a page load does not move focus.
    if (!this.track) {
      this.track = createFocusTracker(request)
      return
    }
    const id = this.track(request)
    if (id !== undefined) this.document.getElementById(id)?.focus()
  }
}
