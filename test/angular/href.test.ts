// AfHref writes the flows' links without Angular's URL sanitiser; it must still refuse anything but a same-origin path.
import { Component, signal } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { describe, expect, it } from 'vitest'
import { AfHref } from '../../components/angular/href.directive'

@Component({ imports: [AfHref], template: `<a [afHref]="href()">link</a>` })
class Host {
  href = signal('/auth')
}

describe('AfHref', () => {
  it('writes same-origin paths and drops every other target', () => {
    const fixture = TestBed.createComponent(Host)
    fixture.detectChanges()
    const link = (fixture.nativeElement as HTMLElement).querySelector('a')!
    expect(link.getAttribute('href')).toBe('/auth')
    for (const href of ['javascript:alert(1)', '//evil.example/x', '/\\evil.example', 'https://evil.example/']) {
      fixture.componentInstance.href.set(href)
      fixture.detectChanges()
      expect(link.hasAttribute('href'), href).toBe(false)
    }
    fixture.componentInstance.href.set('/auth?redirectToPath=%2Fa')
    fixture.detectChanges()
    expect(link.getAttribute('href')).toBe('/auth?redirectToPath=%2Fa')
  })
})
