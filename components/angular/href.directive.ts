import { Directive, ElementRef, Input, Renderer2, inject } from '@angular/core'
import { safeRedirectPath } from '../../src/flows'

/**
 * `<a [afHref]="path">`: the flows' links, written as they are. Each is a same-origin path the flows build from
 * `websiteBasePath`, which the config accepts only as `/…` without `//` (src/client/config.ts), so no other
 * scheme can reach it; an `[attr.href]` binding would bring Angular's URL sanitiser to every app to check it again.
 */
@Directive({ selector: 'a[afHref]' })
export class AfHref {
  private readonly element = inject<ElementRef<HTMLAnchorElement>>(ElementRef).nativeElement
  private readonly renderer = inject(Renderer2)

  @Input() set afHref(href: string) {
    // Defence in depth for the skipped sanitiser, with the flows' own rule for redirect targets: anything but a
    // same-origin path leaves the link without a target.
    const path = safeRedirectPath(href, '')
    if (path) this.renderer.setAttribute(this.element, 'href', path)
    else this.renderer.removeAttribute(this.element, 'href')
  }
}
