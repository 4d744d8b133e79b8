import { authError } from '../client/errors'
import { LOGIN_ATTEMPT_KEY, PASSWORDLESS_RID } from '../client/wire'
import type {
  ConsumeMagicLinkResult,
  LoginAttempt,
  MagicLink,
  PasswordlessApi,
  PasswordlessFlowType,
  PasswordlessOptions,
  RecipePlugin,
} from './types'

const CONTACT_METHODS = ['EMAIL', 'PHONE', 'EMAIL_OR_PHONE']
const FLOW_TYPES: string[] = ['USER_INPUT_CODE', 'MAGIC_LINK', 'USER_INPUT_CODE_AND_MAGIC_LINK']
const isFlowType = (value: string): value is PasswordlessFlowType => FLOW_TYPES.includes(value)
const CONSUMED = 'OK:user,createdNewRecipeUser=boolean RESTART_FLOW_ERROR SIGN_IN_UP_NOT_ALLOWED:reason=string'
const ATTEMPTS = 'failedCodeInputAttemptCount=number,maximumCodeInputAttempts=number'

/**
 * The Passwordless recipe (email or SMS one-time code and magic link, docs/RECIPES.md §3): `auth.passwordless`.
 * The login attempt is stored under the official SDK's key, so it survives a reload and is shared by the tabs.
 *
 * @throws AuthError kind `config` at creation when `contactMethod` is not `EMAIL`, `PHONE` or `EMAIL_OR_PHONE`.
 * @example
 * const auth = createAuthClient({ apiDomain, recipes: [passwordless({ contactMethod: 'EMAIL' })] })
 * await auth.passwordless.createCode({ email: 'ada@example.com' })
 * await auth.passwordless.consumeCode({ userInputCode: '123456' })
 */
export function passwordless(options: PasswordlessOptions): RecipePlugin<{ passwordless: PasswordlessApi }> {
  if (!CONTACT_METHODS.includes(options?.contactMethod)) {
    throw authError(
      'config',
      `authfront: passwordless(): contactMethod must be one of ${CONTACT_METHODS.join(', ')}, as on the backend.`,
    )
  }
  return ({ platform, request }) => {
    const send = request(PASSWORDLESS_RID, true)
    const storage = options.storage ?? platform.storage
    let pending: [string, Promise<ConsumeMagicLinkResult>] | undefined

    const read = (): LoginAttempt | undefined => {
      try {
        const attempt: LoginAttempt | null = JSON.parse(storage.getItem(LOGIN_ATTEMPT_KEY) ?? '')
        // An attempt started by another UI lacks the contact: the screens cannot show it, so start over.
        if (
          typeof attempt?.deviceId === 'string' &&
          typeof attempt.preAuthSessionId === 'string' &&
          typeof attempt.contactInfo === 'string' &&
          isFlowType(attempt.flowType)
        ) {
          return attempt
        }
      } catch {
        // No attempt, or not ours.
      }
      return undefined
    }
    const write = (attempt: LoginAttempt) => (storage.setItem(LOGIN_ATTEMPT_KEY, JSON.stringify(attempt)), attempt)
    const clear = () => storage.removeItem(LOGIN_ATTEMPT_KEY)
    // An attempt started without the flag (by the official SDK before FDI 3.1) is a first factor.
    const device = ({ deviceId, preAuthSessionId, shouldTryLinkingWithSessionUser }: LoginAttempt) => ({
      deviceId,
      preAuthSessionId,
      shouldTryLinkingWithSessionUser: shouldTryLinkingWithSessionUser === true,
    })

    const readMagicLink = (href = globalThis.location?.href): MagicLink | undefined => {
      let url: URL | undefined
      try {
        url = new URL(href ?? '')
      } catch {
        return undefined
      }
      const preAuthSessionId = url.searchParams.get('preAuthSessionId')
      // The code is in the fragment, which the browser never sends to a server; taken as is, not decoded.
      const linkCode = url.hash.slice(1)
      if (!preAuthSessionId || !linkCode) return undefined
      return {
        preAuthSessionId,
        tenantId: url.searchParams.get('tenantId') ?? undefined,
        linkCode,
        isSameBrowser: read()?.preAuthSessionId === preAuthSessionId,
      }
    }

    const consumeLink = async (href: string | undefined): Promise<ConsumeMagicLinkResult> => {
      const link = readMagicLink(href)
      if (link === undefined) return { status: 'INVALID_LINK' }
      const attempt = link.isSameBrowser ? read() : undefined
      // Always a first factor, whatever the attempt said: a link opened elsewhere must behave the same.
      const result = await send(
        '/signinup/code/consume',
        CONSUMED,
        { linkCode: link.linkCode, preAuthSessionId: link.preAuthSessionId, shouldTryLinkingWithSessionUser: false },
        link.tenantId,
      )
      if (attempt) clear()
      return result.status === 'OK' ? { ...result, redirectToPath: attempt?.redirectToPath } : result
    }

    const api: PasswordlessApi = {
      contactMethod: options.contactMethod,
      async createCode(input) {
        const { tenantId, redirectToPath } = input
        const shouldTryLinkingWithSessionUser = input.shouldTryLinkingWithSessionUser === true
        const contact = 'email' in input ? { email: input.email.trim() } : { phoneNumber: input.phoneNumber.trim() }
        const result = await send(
          '/signinup/code',
          'OK:deviceId=string,preAuthSessionId=string,flowType=string SIGN_IN_UP_NOT_ALLOWED:reason=string',
          { ...contact, shouldTryLinkingWithSessionUser },
          tenantId,
        )
        if (result.status !== 'OK') return result
        const { deviceId, preAuthSessionId, flowType } = result
        if (!isFlowType(flowType)) throw authError('protocol', `/signinup/code: unknown flowType.`)
        const attempt = write({
          version: 1,
          tenantId,
          deviceId,
          preAuthSessionId,
          flowType,
          shouldTryLinkingWithSessionUser,
          lastResend: platform.now(),
          contactMethod: 'email' in contact ? 'EMAIL' : 'PHONE',
          contactInfo: contact.email ?? contact.phoneNumber!,
          redirectToPath,
        })
        return { status: 'OK', attempt }
      },
      async resendCode() {
        const attempt = read()
        if (attempt === undefined) return { status: 'RESTART_FLOW_ERROR' }
        const result = await send('/signinup/code/resend', 'OK RESTART_FLOW_ERROR', device(attempt), attempt.tenantId)
        if (result.status === 'RESTART_FLOW_ERROR') clear()
        return result.status === 'OK'
          ? { status: 'OK', attempt: write({ ...attempt, lastResend: platform.now() }) }
          : result
      },
      async consumeCode({ userInputCode }) {
        const attempt = read()
        if (attempt === undefined) return { status: 'RESTART_FLOW_ERROR' }
        const result = await send(
          '/signinup/code/consume',
          `${CONSUMED} INCORRECT_USER_INPUT_CODE_ERROR:${ATTEMPTS} EXPIRED_USER_INPUT_CODE_ERROR:${ATTEMPTS}`,
          { userInputCode: userInputCode.trim(), ...device(attempt) },
          attempt.tenantId,
        )
        // A wrong or expired code keeps the attempt for another try; every other answer ends it.
        if (!('failedCodeInputAttemptCount' in result) && result.status !== 'GENERAL_ERROR') clear()
        return result.status === 'OK' ? { ...result, redirectToPath: attempt.redirectToPath } : result
      },
      readMagicLink,
      consumeMagicLink({ url = globalThis.location?.href } = {}) {
        // A link consumes its code: a second call for the same URL (StrictMode, a double mount) shares the first.
        if (pending?.[0] !== url) {
          const promise = consumeLink(url)
          pending = [url, promise]
          // A failure (network, 5xx) may be retried: only a settled answer is shared.
          promise.catch(() => {
            if (pending?.[1] === promise) pending = undefined
          })
        }
        return pending[1]
      },
      getLoginAttempt: read,
      clearLoginAttempt: clear,
    }
    return { passwordless: api }
  }
}
