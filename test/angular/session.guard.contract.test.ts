import { EnvironmentInjector, PLATFORM_ID, createEnvironmentInjector, runInInjectionContext } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { Router, UrlTree, provideRouter } from '@angular/router'
import type { ActivatedRouteSnapshot, RouterStateSnapshot } from '@angular/router'
import { describe } from 'vitest'
import { createSessionGuard, provideAuth } from 'authfront/angular'
import { sessionGuardContract } from '../contract/sessionGuard.contract'
import type { GuardRun } from '../contract/sessionGuard.contract'

const run: GuardRun = async ({ client, url, options = {}, isServer = false }) => {
  const injector = createEnvironmentInjector(
    [provideAuth(client), provideRouter([]), { provide: PLATFORM_ID, useValue: isServer ? 'server' : 'browser' }],
    TestBed.inject(EnvironmentInjector),
  )
  try {
    const guard = createSessionGuard(options)
    const answer = await runInInjectionContext(injector, () =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    )
    return answer instanceof UrlTree ? injector.get(Router).serializeUrl(answer) : (answer as boolean)
  } finally {
    injector.destroy()
  }
}

describe('Angular sessionGuard', () => sessionGuardContract(run))
