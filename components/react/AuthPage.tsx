import { describeNotFound, hasMfaScreens, resolveAuthRoute } from '../../src/flows'
import type { FlowClient } from '../../src/flows'
import { useAuthClient } from './context'
import { EmailVerification } from './EmailVerification'
import type { EmailVerificationProps } from './EmailVerification'
import { MagicLinkLanding } from './MagicLinkLanding'
import { MfaPage } from './MfaScreen'
import { PluginScreen } from './PasskeySettings'
import { WEBAUTHN_UI } from '../../src/flows/recipeUi'
import { ResetPassword } from './ResetPassword'
import type { ResetPasswordProps } from './ResetPassword'
import { SignInUp } from './SignInUp'
import type { SignInUpProps } from './SignInUp'
import { ThirdPartyCallback } from './ThirdPartyCallback'
import { useLocationPart } from './useFlow'

export type AuthPageProps = SignInUpProps &
  ResetPasswordProps &
  EmailVerificationProps & {
    /**
     * The path to route: the router's, e.g. Next.js `usePathname()`. Defaults to `location.pathname`, read after
     * hydration (the server, without it, renders "Page not found").
     */
    pathname?: string
    /** The page URL the callback and magic-link screens read. Defaults to `location.href`. */
    url?: string
  }

/**
 * Every prebuilt auth page under `websiteBasePath` in one component, for a catch-all route (`/auth/*`): sign-in,
 * the ThirdParty callback, the magic-link landing, reset password, email verification and, with `multiFactor()`, the
 * second-factor pages `/mfa`, `/mfa/totp`, `/mfa/otp-email`, `/mfa/otp-phone` (docs/RECIPES.md §1.5); "Page not
 * found" for any other path. Props go to the screen shown.
 */
export function AuthPage({ pathname, ...props }: AuthPageProps) {
  const client = useAuthClient()
  const locationPathname = useLocationPart('pathname')
  const path = pathname ?? locationPathname
  const route = resolveAuthRoute(path, client.config.websiteBasePath)
  // A key per route: moving between auth pages in an SPA starts the new page's flow afresh.
  switch (route.name) {
    case 'signInUp':
      return <SignInUp key="signInUp" {...props} />
    case 'callback':
      return <ThirdPartyCallback key={`callback-${route.thirdPartyId}`} {...props} />
    case 'verify':
      return <MagicLinkLanding key="verify" {...props} />
    case 'resetPassword':
      return <ResetPassword key="resetPassword" {...props} />
    case 'verifyEmail':
      return <EmailVerification key="verifyEmail" {...props} />
    case 'mfa':
      // Without the multiFactor() plugin there is no MFA page.
      if (hasMfaScreens(client)) return <MfaPage key={`mfa-${route.page}`} {...props} page={route.page} />
      break
    case 'webauthnRecover':
    case 'webauthnSendRecoveryEmail':
    case 'mfaWebauthn': {
      // The passkey pages come with the webauthn() plugin; without it they are not found.
      const passkeys = (client as FlowClient)[WEBAUTHN_UI]
      if (passkeys)
        return <PluginScreen key={route.name} create={(o) => passkeys.createScreen(route.name, client, o)} {...props} />
      break
    }
  }
  const notFound = describeNotFound(props)
  return (
    <div data-af-root="authPage" data-af-screen="notFound" data-af-theme={notFound.theme}>
      <h2 data-af-heading="">{notFound.heading}</h2>
      <p data-af-description="">{notFound.message}</p>
    </div>
  )
}
