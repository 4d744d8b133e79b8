import { Directive, Input, ViewContainerRef, inject } from '@angular/core'
import type { EmbeddedViewRef, TemplateRef } from '@angular/core'

interface OutletContext<T> {
  $implicit: T
}

/**
 * `<ng-container [afOutlet]="template" [afOutletContext]="value" />`: renders `template` with `value` as its
 * `$implicit`, updated in place when the value changes. NgTemplateOutlet does the same with more (injectors,
 * `ngOnChanges`), which every app would pay for.
 */
@Directive({ selector: '[afOutlet]' })
export class AfOutlet<T> {
  private readonly container = inject(ViewContainerRef)
  private view: EmbeddedViewRef<OutletContext<T | undefined>> | undefined
  private value: T | undefined

  @Input() set afOutletContext(value: T) {
    this.value = value
    if (this.view) this.view.context.$implicit = value
  }

  // The view is created in the host's update pass, and its bindings run after it: the context set in the same
  // pass, before or after this, is what they read.
  @Input() set afOutlet(template: TemplateRef<OutletContext<T | undefined>>) {
    this.container.clear()
    this.view = this.container.createEmbeddedView(template, { $implicit: this.value })
  }
}
