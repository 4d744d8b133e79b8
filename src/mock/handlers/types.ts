import type { ControlsInternals } from '../controls'
import { jsonReply } from '../http'
import type { Reply } from '../http'
import type { ResolvedMockOptions } from '../options'
import type { EmailSender } from '../outbox'
import type { Ctx } from '../pipeline'
import type { MockOAuthProvider } from '../oauthProvider'
import type { PasswordlessDevices } from '../passwordlessDevices'
import type { MultiFactor } from '../multiFactor'
import type { MockStore } from '../store'
import type { TokenService } from '../tokenService'
import type { TotpDevices } from '../totpDevices'
import type { MockSignUpField } from '../types'

/** One endpoint, relative to `apiBasePath`. */
export interface MockRoute {
  method: 'get' | 'post' | 'put'
  path: string
  /** Also answered under `/{tenantId}{path}` (docs/PROTOCOL.md §1.1). */
  tenantScoped: boolean
  /** Answer only requests with this `rid` (two recipes share a deprecated path). Defaults to any `rid`. */
  rid?: string
  run(ctx: Ctx): Reply | Promise<Reply>
}

/** What a recipe's handlers may use. */
export interface MockRecipeKit {
  options: ResolvedMockOptions
  store: MockStore
  tokens: TokenService
  emails: EmailSender
  controls: ControlsInternals
  signUpFields: MockSignUpField[]
  /** The fake OAuth provider (ThirdParty). */
  oauth: MockOAuthProvider
  /** Passwordless login attempts. */
  devices: PasswordlessDevices
  /**
   * MultiFactorAuth (`st-mfa`, the setup rule). A first factor passes its factor id to
   * `tokens.createSessionInReply`; a second factor calls `mfa.completeFactor`; another recipe's secondary factor is
   * declared with `mfa.addFactor`.
   */
  mfa: MultiFactor
  /** TOTP devices and code checks. */
  totp: TotpDevices
}

/**
 * A recipe of the mock (EmailPassword, Session, …): its endpoints, as MSW users write one handler module per API.
 * A new recipe is a new module listed in `createMockBackend`'s `recipes`.
 */
export interface MockRecipeModule {
  /** The recipe id the official clients send as `rid`. */
  id: string
  /** The recipe's endpoints for these options; none when the options switch the recipe off. */
  routes(kit: MockRecipeKit): MockRoute[]
}

/** node's answer to form fields that fail validation (docs/PROTOCOL.md §1.3). */
export function fieldError(formFields: Array<{ id: string; error: string }>): Reply {
  return jsonReply(200, { status: 'FIELD_ERROR', formFields })
}
