import { defineComponent, getCurrentInstance, h, onMounted, shallowRef } from 'vue'
import type { Component } from 'vue'
import { currentPathname, describeNotFound, hasMfaScreens, resolveAuthRoute } from '../../src/flows'
import type { AuthRoute, FlowClient, PasskeyRouteName } from '../../src/flows'
import { WEBAUTHN_UI } from '../../src/flows/recipeUi'
import { PluginScreen } from './PasskeySettings'
import { EmailVerification } from './EmailVerification'
import type { EmailVerificationProps } from './EmailVerification'
import { MagicLinkLanding } from './MagicLinkLanding'
import type { MagicLinkLandingProps } from './MagicLinkLanding'
import { MfaPage } from './MfaScreen'
import { useAuthClient } from './plugin'
import {
  emailVerificationProps,
  flowProps,
  magicLinkLandingProps,
  mfaPageProps,
  resetPasswordProps,
  signInUpProps,
  thirdPartyCallbackProps,
} from './props'
import { ResetPassword } from './ResetPassword'
import type { ResetPasswordProps } from './ResetPassword'
import { SignInUp } from './SignInUp'
import type { SignInUpProps } from './SignInUp'
import { ThirdPartyCallback } from './ThirdPartyCallback'
import type { ThirdPartyCallbackProps } from './ThirdPartyCallback'

/** The props of every screen (each screen takes those it declares), and the path to route. */
export type AuthPageProps = SignInUpProps &
  ResetPasswordProps &
  EmailVerificationProps &
  ThirdPartyCallbackProps &
  MagicLinkLandingProps & {
    /**
     * The path to route. Defaults to vue-router's current path when the app has vue-router, else
     * `location.pathname` (read once hydrated). Pass it when rendering on the server without vue-router.
     */
    pathname?: string
  }

const screens: Record<Exclude<AuthRoute['name'], 'notFound' | PasskeyRouteName>, [Component, object]> = {
  signInUp: [SignInUp, signInUpProps],
  callback: [ThirdPartyCallback, thirdPartyCallbackProps],
  verify: [MagicLinkLanding, magicLinkLandingProps],
  resetPassword: [ResetPassword, resetPasswordProps],
  verifyEmail: [EmailVerification, emailVerificationProps],
  mfa: [MfaPage, mfaPageProps],
}

/**
 * Every prebuilt auth page under `websiteBasePath` in one component, for one catch-all route: sign-in, the
 * ThirdParty callback, the magic-link landing, reset password, email verification and, with `multiFactor()`, the
 * second-factor pages `/mfa`, `/mfa/totp`, `/mfa/otp-email`, `/mfa/otp-phone` (docs/RECIPES.md §1.5); "Page not
 * found" for any other path. Each screen gets the props it declares; `@success` goes to `SignInUp`.
 *
 * @example
 * { path: '/auth/:rest(.*)*', component: AuthPage }
 * // or in a template: <AuthPage :first-factors="['thirdparty', 'otp-email']" />
 */
export const AuthPage = defineComponent(
  (props: AuthPageProps) => {
    const client = useAuthClient()
    // vue-router's `$route` is reactive: a router.push from one auth screen to another re-renders this one.
    const instance = getCurrentInstance()
    const globals = instance?.appContext.config.globalProperties as { $route?: { path: string } } | undefined
    // Without a router, a hydrating page renders the server's path ('': not found) first, then its own.
    const isHydrated = shallowRef(instance?.vnode.el == null)
    onMounted(() => (isHydrated.value = true))
    return () => {
      const path = props.pathname ?? globals?.$route?.path ?? (isHydrated.value ? currentPathname() : '')
      const route = resolveAuthRoute(path, client.config.websiteBasePath)
      const name = route.name
      // The passkey pages come with the webauthn() plugin; without it they are not found.
      const passkeys = (client as FlowClient)[WEBAUTHN_UI]
      if (name === 'webauthnRecover' || name === 'webauthnSendRecoveryEmail' || name === 'mfaWebauthn') {
        if (passkeys) {
          const create = (options: object) => passkeys.createScreen(name, client, options)
          const given = Object.entries(props).filter(([key, value]) => key in flowProps && value !== undefined)
          return h(PluginScreen, { key: name, ...Object.fromEntries(given), create })
        }
      }
      // Without the multiFactor() plugin there is no MFA page.
      if (!(route.name in screens) || (route.name === 'mfa' && !hasMfaScreens(client))) {
        const notFound = describeNotFound(props)
        return h('div', { 'data-af-root': 'authPage', 'data-af-screen': 'notFound', 'data-af-theme': notFound.theme }, [
          h('h2', { 'data-af-heading': '' }, notFound.heading),
          h('p', { 'data-af-description': '' }, notFound.message),
        ])
      }
      const [screen, declared] = screens[route.name as keyof typeof screens]
      const given = Object.keys(declared).flatMap((name) => {
        const value = (props as Record<string, unknown>)[name]
        return value === undefined ? [] : [[name, value]]
      })
      // A key per route: moving to another auth page (or another provider's callback) starts its flow afresh.
      const key = route.name === 'callback' ? `callback-${route.thirdPartyId}` : route.name
      if (route.name === 'mfa')
        return h(screen, { key: `mfa-${route.page}`, ...Object.fromEntries(given), page: route.page })
      return h(screen, { key, ...Object.fromEntries(given) })
    }
  },
  {
    name: 'AuthPage',
    props: {
      ...signInUpProps,
      ...resetPasswordProps,
      ...emailVerificationProps,
      ...thirdPartyCallbackProps,
      ...magicLinkLandingProps,
      pathname: null,
    },
  },
)
