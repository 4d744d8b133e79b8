import { Directive, Input, TemplateRef, ViewContainerRef, inject } from '@angular/core'
import type { EmbeddedViewRef } from '@angular/core'

interface Keyed {
  id?: unknown
  value?: unknown
}

interface EachContext<T> {
  $implicit: T
}

/**
 * `*afEach="let item of items"`: one view per item, kept by the item's `id` (an option's `value`; anything but an
 * object by itself) across renders (an input keeps its DOM node, hence its focus, while the flow's state changes
 * around it), updated in place, moved when the order changes. The screens' lists are a few items that the flows rebuild on every state change; `@for`
 * would bring Angular's repeater and its list differ to every app for them (with NgTemplateOutlet, 1.9 KB gzip of the
 * sign-in page as the Angular CLI builds it).
 */
@Directive({ selector: '[afEach]' })
export class AfEach<T> {
  private readonly container = inject(ViewContainerRef)
  private readonly template = inject<TemplateRef<EachContext<T>>>(TemplateRef)
  private readonly views = new Map<unknown, EmbeddedViewRef<EachContext<T>>>()

  /** Runs while the host template updates: the views are checked right after, with the new items. */
  @Input() set afEachOf(items: readonly T[]) {
    const ids = items.map((item) =>
      typeof item === 'object' && item !== null ? ((item as Keyed).id ?? (item as Keyed).value) : item,
    )
    // The views that leave go first: a screen being replaced stops before its successor starts.
    for (const [id, view] of this.views) {
      if (!ids.includes(id)) {
        view.destroy()
        this.views.delete(id)
      }
    }
    items.forEach((item, index) => {
      const id = ids[index]
      let view = this.views.get(id)
      if (view) {
        view.context.$implicit = item
        if (this.container.indexOf(view) !== index) this.container.move(view, index)
      } else {
        view = this.container.createEmbeddedView(this.template, { $implicit: item }, index)
        this.views.set(id, view)
      }
    })
  }
}
