/**
 * The origin users open the app on, read when the server starts (not at build time). The mock backend answers under
 * it (`/api/auth`), the browser's client calls it, and the server verifies tokens against its key set:
 * `next start -p 4000` needs `APP_ORIGIN=http://localhost:4000`.
 */
export const appOrigin = process.env['APP_ORIGIN'] ?? 'http://localhost:3000'

/** Where the backend (here the mock, in a route handler) answers: the same origin as the pages. */
export const apiBasePath = '/api/auth'
