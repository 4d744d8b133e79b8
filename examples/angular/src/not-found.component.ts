import { ChangeDetectionStrategy, Component } from '@angular/core'
import { RouterLink } from '@angular/router'
import { texts } from '../../common/texts'

@Component({
  selector: 'ex-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <h1>{{ texts.notFoundHeading }}</h1>
    <a routerLink="/">{{ texts.home }}</a>
  `,
})
export class NotFoundComponent {
  protected readonly texts = texts
}
