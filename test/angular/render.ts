/**
 * The Angular render function of the contract suites: each component is created with `createComponent` in its
 * own environment injector carrying `provideAuth(client)`, attached to the test ApplicationRef (zoneless change
 * detection) and projected into like an app would: slot texts become `<p>` elements, the SessionAuth slots
 * carry the `af-fallback` / `af-access-denied` attributes MARKUP.md names.
 */
import {
  ApplicationRef,
  Component,
  EnvironmentInjector,
  createComponent,
  createEnvironmentInjector,
  reflectComponentType,
  viewChild,
} from '@angular/core'
import type { TemplateRef, Type } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { configure } from '@testing-library/dom'
import { afterEach } from 'vitest'
import {
  AfAuthPage,
  AfEmailVerification,
  AfMagicLinkLanding,
  AfMfaSettings,
  AfPasskeySettings,
  AfResetPassword,
  AfSessionAuth,
  AfSignInUp,
  AfThirdPartyCallback,
  AfTryRefresh,
  provideAuth,
} from 'authfront/angular'
import type {
  ContractComponent,
  ContractRender,
  MfaComponent,
  MfaContractRender,
  RecipeComponent,
  RecipeContractRender,
  RenderRequest,
  Rendered,
  TryRefreshContractRender,
} from '../contract'
import type { PasskeyComponent, PasskeyContractRender } from '../contract/passkeys.contract'

const COMPONENTS: Record<ContractComponent, Type<unknown>> = {
  SignInUp: AfSignInUp,
  ResetPassword: AfResetPassword,
  EmailVerification: AfEmailVerification,
  SessionAuth: AfSessionAuth,
}

const SLOT_ATTRIBUTES = { children: undefined, fallback: 'af-fallback', accessDenied: 'af-access-denied' } as const

function slotElement(slot: keyof typeof SLOT_ATTRIBUTES, text: string): Node {
  const p = document.createElement('p')
  p.textContent = text
  const attribute = SLOT_ATTRIBUTES[slot]
  if (attribute) p.setAttribute(attribute, '')
  return p
}

/** Nodes per `<ng-content>` slot, matched the way Angular matches selectors (wildcard, or one attribute). */
function projectableNodes(selectors: readonly string[], slots: RenderRequest['slots']): Node[][] {
  const { accessDeniedClaims: _template, ...projected } = slots ?? {}
  const nodes = Object.entries(projected).flatMap(([slot, text]) =>
    text === undefined ? [] : [slotElement(slot as keyof typeof SLOT_ATTRIBUTES, text)],
  )
  return selectors.map((selector) =>
    nodes.filter((node) => {
      const attribute = /^\[([\w-]+)\]$/.exec(selector)?.[1]
      if (attribute) return (node as Element).hasAttribute(attribute)
      return selector === '*' && !selectors.some((other) => other !== '*' && (node as Element).matches(other))
    }),
  )
}

/** The `accessDenied` template input an app declares: it lists the failed claims of the guard state. */
@Component({
  selector: 'test-access-denied',
  template: `<ng-template #denied let-g
    ><p>{{ text }}: {{ ids(g.invalidClaims) }}</p></ng-template
  >`,
})
class AccessDeniedTemplate {
  text = ''
  readonly template = viewChild.required<TemplateRef<unknown>>('denied')
  ids = (claims: { id: string }[]) => claims.map((claim) => claim.id).join(', ')
}

const RECIPE_COMPONENTS: Record<RecipeComponent, Type<unknown>> = {
  SignInUp: AfSignInUp,
  ThirdPartyCallback: AfThirdPartyCallback,
  MagicLinkLanding: AfMagicLinkLanding,
  AuthPage: AfAuthPage,
}

/** Renders a component of `authfront/angular`; props are inputs, `on<Name>` props subscribe to output `<name>`. */
export function renderAngular(request: RenderRequest): Promise<Rendered> {
  return mount(COMPONENTS[request.component], request)
}

const PASSKEY_COMPONENTS: Record<PasskeyComponent, Type<unknown>> = {
  SignInUp: AfSignInUp,
  AuthPage: AfAuthPage,
  PasskeySettings: AfPasskeySettings,
}

/** The render function of the passkey suite (`passkeyContracts`). */
export const renderPasskeysAngular: PasskeyContractRender = (request) =>
  mount(PASSKEY_COMPONENTS[request.component], request)

/** The render function of the login-recipe suite (`recipeContracts`): the same mounting, no slots. */
export const renderRecipesAngular: RecipeContractRender = (request) =>
  mount(RECIPE_COMPONENTS[request.component], request)

/** The render function of the try-refresh suite (`tryRefreshContract`): `children` is projected in a `<p>`. */
export const renderTryRefreshAngular: TryRefreshContractRender = ({ client, props, children }) =>
  mount(AfTryRefresh, { client, props, ...(children !== undefined && { slots: { children } }) })

const MFA_COMPONENTS: Record<MfaComponent, Type<unknown>> = { AuthPage: AfAuthPage, MfaSettings: AfMfaSettings }

/** The render function of the second-factor suite (`mfaContracts`). */
export const renderMfaAngular: MfaContractRender = (request) => mount(MFA_COMPONENTS[request.component], request)

async function mount(type: Type<unknown>, request: Omit<RenderRequest, 'component'>): Promise<Rendered> {
  const mirror = reflectComponentType(type)
  if (!mirror) throw new Error(`${type.name} is not a component`)
  const environmentInjector = createEnvironmentInjector(
    [provideAuth(request.client)],
    TestBed.inject(EnvironmentInjector),
  )
  const container = document.body.appendChild(document.createElement('div'))
  const hostElement = container.appendChild(document.createElement(mirror.selector))
  const ref = createComponent(type, {
    environmentInjector,
    hostElement,
    projectableNodes: projectableNodes(mirror.ngContentSelectors, request.slots),
  })
  for (const [name, value] of Object.entries(request.props)) {
    const output = mirror.outputs.find((candidate) => `on${capitalize(candidate.templateName)}` === name)
    if (output) {
      const emitter = (ref.instance as Record<string, { subscribe(fn: (value: unknown) => void): unknown }>)[
        output.propName
      ]
      emitter?.subscribe(value as (value: unknown) => void)
    } else ref.setInput(name, value)
  }
  const withClaims = request.slots?.accessDeniedClaims
  let templateHost: ReturnType<typeof createComponent<AccessDeniedTemplate>> | undefined
  if (withClaims !== undefined) {
    templateHost = createComponent(AccessDeniedTemplate, { environmentInjector })
    templateHost.instance.text = withClaims
    templateHost.changeDetectorRef.detectChanges()
    ref.setInput('accessDenied', templateHost.instance.template())
  }
  const appRef = TestBed.inject(ApplicationRef)
  appRef.attachView(ref.hostView)
  currentApp = appRef
  await appRef.whenStable()
  let isUnmounted = false
  detectors.set(ref.hostView, () => ref.changeDetectorRef.detectChanges())
  const rendered: Rendered = {
    container,
    unmount: () => {
      if (isUnmounted) return
      isUnmounted = true
      detectors.delete(ref.hostView)
      ref.destroy()
      templateHost?.destroy()
      environmentInjector.destroy()
      container.remove()
    },
  }
  live.add(rendered)
  return rendered
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const live = new Set<Rendered>()
const detectors = new Map<unknown, () => void>()
let currentApp: ApplicationRef | undefined

// Like @testing-library/angular (and React's act): after each event user-event dispatches, run change detection
// at once, so assertions right after an interaction see the DOM a browser would show by the next frame. Per view,
// not appRef.tick(): a tick puts the zoneless scheduler in microtask mode, where it counts notifications as one
// loop, and user-event's back-to-back keystrokes kept it there, so typing 100 characters tripped NG0103 (a false
// alarm: a browser delivers each keystroke in its own task). After-render hooks run on the scheduler's own tick.
//
// And like @testing-library/react's asyncWrapper: each user-event call ends one macrotask later, so work the
// interaction started (a request to the mock backend) has had its turn before the test goes on, as it has in the
// React run of the same suites.
const detectAll = () => {
  if (live.size > 0 && currentApp && !currentApp.destroyed) for (const detect of detectors.values()) detect()
}
configure({
  eventWrapper: (dispatch) => {
    const result = dispatch()
    detectAll()
    return result
  },
  asyncWrapper: async (callback) => {
    const result = await callback()
    await new Promise((resolve) => setTimeout(resolve, 0))
    detectAll()
    return result
  },
})

/** Unmounts everything rendered in the test, before TestBed tears the application down. */
export function useAngularCleanup(): void {
  afterEach(async () => {
    for (const rendered of live) await rendered.unmount()
    live.clear()
    currentApp = undefined
  })
}

export const render: ContractRender = renderAngular
