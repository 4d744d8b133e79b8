/**
 * Where the backend (here the mock, in a server route) answers, on the app's own origin. Under `/api`, apart from the
 * auth pages the app shows on `/auth`: the two must not share a path.
 */
export const apiBasePath = '/api/auth'

/** The pages that need a session: the server middleware redirects signed-out visitors of them. */
export const isProtectedPath = (path: string) => path === '/dashboard' || path.startsWith('/dashboard/')

/** What `/api/session` answers: the verifier's status, and the user id when it is `OK`. */
export type SessionAnswer = { status: 'OK'; userId: string } | { status: 'TRY_REFRESH' } | { status: 'SIGNED_OUT' }
