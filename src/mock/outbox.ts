import { randomToken, randomUuid, sha256Hex } from './crypto'
import type { ResolvedMockOptions } from './options'
import type { OneTimeToken } from './state'
import type { MockStore } from './store'
import { normaliseEmail } from './validation'
import type { MockEmail, MockLinkEmail, MockPasswordlessMessage, MockUser } from './types'

/** The outbox entries of one `type`. */
export type MockEmailOf<TType extends MockEmail['type']> = TType extends 'passwordless'
  ? MockPasswordlessMessage
  : MockLinkEmail

/** The outbox of "sent" emails. */
export interface MockOutbox {
  /** Every email sent so far, oldest first. */
  list(): MockEmail[]
  /** The newest message, optionally only to this address (email or phone number) and/or of this type. */
  latest<TType extends MockEmail['type'] = MockEmail['type']>(filter?: {
    to?: string
    type?: TType
  }): MockEmailOf<TType> | undefined
  clear(): void
  /** Called with each new email (e.g. to show the link in a demo). Returns unsubscribe. */
  subscribe(listener: (email: MockEmail) => void): () => void
}

/** "Sends" an email with a single-use link: the token is stored hashed, the email goes to the outbox. */
export type EmailSender = (type: MockLinkEmail['type'], user: MockUser, tenantId: string, lifetimeMs: number) => void

export function createEmailSender(store: MockStore, options: ResolvedMockOptions): EmailSender {
  return (type, user, tenantId, lifetimeMs) => {
    const { state } = store
    const token = randomToken(48)
    const record: OneTimeToken = {
      hash: sha256Hex(token),
      userId: user.id,
      email: user.email,
      tenantId,
      expiresAt: options.now() + lifetimeMs,
    }
    if (type === 'verify-email') state.emailVerificationTokens.push(record)
    else if (type === 'webauthn-recovery') (state.webauthnRecoverTokens ??= []).push(record)
    else state.passwordResetTokens.push(record)
    const page = {
      'verify-email': 'verify-email',
      'reset-password': 'reset-password',
      'webauthn-recovery': 'webauthn/recover',
    }[type]
    const query = `token=${encodeURIComponent(token)}&tenantId=${encodeURIComponent(tenantId)}`
    const email: MockLinkEmail = {
      id: randomUuid(),
      type,
      to: user.email,
      userId: user.id,
      tenantId,
      token,
      link: `${options.websiteDomain}${options.websiteBasePath}/${page}?${query}`,
      sentAt: options.now(),
    }
    state.outbox.push(email)
    store.announce(email)
  }
}

/** An email address (any case) or a phone number (spaces, dashes and brackets aside). */
function sameAddress(stored: string, wanted: string): boolean {
  return stored === normaliseEmail(wanted) || stored === wanted.replace(/[\s\-()]/g, '')
}

/** The unexpired record of a link's token, if any. */
export function findOneTimeToken(list: OneTimeToken[], token: string, now: number): OneTimeToken | undefined {
  const hash = sha256Hex(token)
  return list.find((item) => item.hash === hash && item.expiresAt > now)
}

export function createOutbox(store: MockStore): MockOutbox {
  return {
    list: () => (store.sync(), [...store.state.outbox]),
    latest<TType extends MockEmail['type']>(filter: { to?: string; type?: TType } = {}) {
      store.sync()
      const { outbox } = store.state
      for (let i = outbox.length - 1; i >= 0; i--) {
        const email = outbox[i]!
        if (filter.to !== undefined && !sameAddress(email.to, filter.to)) continue
        if (filter.type !== undefined && email.type !== filter.type) continue
        return email as MockEmailOf<TType>
      }
      return undefined
    },
    clear() {
      store.sync()
      store.state.outbox = []
      store.commit()
    },
    subscribe: (listener) => store.subscribe(listener),
  }
}
