/**
 * Every name the client puts on the wire or in the browser: headers, cookies, storage keys, lock and channel names,
 * recipe ids and claims (docs/PROTOCOL.md). Plain string constants: the app's bundler inlines some and keeps others
 * as one variable (its choice, per constant), so naming them costs next to nothing. The mock keeps its own spelling
 * on purpose (it is an independent implementation); test/mock/wire.test.ts holds the two equal.
 */

/** The FDI versions this client speaks (docs/PROTOCOL.md §0): the backend answers with the largest one. */
export const FDI_VERSION = '3.1,4.0,4.1,4.2'

// Request headers (docs/PROTOCOL.md §1.2, §5.4).
export const RID_HEADER = 'rid'
export const FDI_VERSION_HEADER = 'fdi-version'
export const AUTH_MODE_HEADER = 'st-auth-mode'
export const AUTHORIZATION_HEADER = 'authorization'
/**
 * Per-request opt-out: a request carrying this header (any value) is sent without interception, and the header
 * is removed before sending. Works through the global fetch patch too, where no extra init option can travel.
 */
export const SKIP_INTERCEPTION_HEADER = 'x-authfront-skip'

// Response headers (and `anti-csrf` in both directions).
export const FRONT_TOKEN_HEADER = 'front-token'
export const ANTI_CSRF_HEADER = 'anti-csrf'
export const ACCESS_TOKEN_HEADER = 'st-access-token'
export const REFRESH_TOKEN_HEADER = 'st-refresh-token'

/** Recipe ids sent as `rid`; `anti-csrf` is the value for the app's own requests (docs/PROTOCOL.md §5.4). */
export const SESSION_RID = 'session'
export const EMAIL_PASSWORD_RID = 'emailpassword'
export const EMAIL_VERIFICATION_RID = 'emailverification'
export const ANTI_CSRF_RID = 'anti-csrf'
export const THIRD_PARTY_RID = 'thirdparty'
export const PASSWORDLESS_RID = 'passwordless'
export const MULTITENANCY_RID = 'multitenancy'
export const MULTI_FACTOR_RID = 'multifactorauth'
export const TOTP_RID = 'totp'
export const WEBAUTHN_RID = 'webauthn'

/** Cookie and storage names shared with the official SDK (docs/PROTOCOL.md §3.2), so sessions survive a migration. */
export const FRONT_TOKEN_COOKIE = 'sFrontToken'
export const LAST_UPDATE_COOKIE = 'st-last-access-token-update'
export const ANTI_CSRF_COOKIE = 'sAntiCsrf'
// Header mode stores the tokens under the names of the headers that carry them.
export const ACCESS_TOKEN_COOKIE = ACCESS_TOKEN_HEADER
export const REFRESH_TOKEN_COOKIE = REFRESH_TOKEN_HEADER
/** A legacy official-SDK cookie, deleted whenever the session markers are written (§3.2). */
export const LEGACY_ID_REFRESH_COOKIE = 'sIRTFrontend'
export const CLOCK_SKEW_KEY = '__st_clockSkewInMillis'
/** ThirdParty's sign-in state in `sessionStorage` between the redirect and the callback (docs/RECIPES.md §2.2). */
export const OAUTH_STATE_KEY = 'supertokens-oauth-state-2'
/** Passwordless's login attempt in `localStorage` (docs/RECIPES.md §3.3). */
export const LOGIN_ATTEMPT_KEY = 'supertokens-passwordless-loginAttemptInfo'

/** The email verification claim (docs/PROTOCOL.md §5.9): `st-ev` must be true; a false value is refetched after 10 s. */
export const EMAIL_VERIFICATION_CLAIM = 'st-ev'
/** The user-roles recipe's claims: the user's roles and the permissions of those roles (arrays of strings). */
export const USER_ROLE_CLAIM = 'st-role'
export const PERMISSION_CLAIM = 'st-perm'
/** The MFA claim (docs/RECIPES.md §4.1): `{ c: completed factors, v: requirements met }`, refetched only when missing. */
export const MFA_CLAIM = 'st-mfa'

// authfront's own names, shared between tabs (and with other authfront clients in the page).
/** Name of the cross-tab channel; messages carry no tokens, only "the session changed". */
export const SYNC_CHANNEL = 'authfront-session'
/** `createStorageLock` and `createIndexedDbLock` keep lock `name` under this prefix + name. */
export const LOCK_KEY_PREFIX = 'authfront-lock:'
/** The IndexedDB database of `createIndexedDbLock`, and its one object store. */
export const LOCK_DATABASE = 'authfront-lock'
export const REFRESH_LOCK = 'authfront-refresh-session'
export const CLAIM_REFRESH_LOCK = 'authfront-claim-refresh'
