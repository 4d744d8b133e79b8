/**
 * The origin users open the app on, read when the server starts (not at build time). The mock backend answers under
 * it (`/api/auth`) and the server verifies tokens against its key set: `PORT=4000` needs
 * `APP_ORIGIN=http://localhost:4000`.
 */
export const appOrigin = process.env['APP_ORIGIN'] ?? `http://localhost:${process.env['PORT'] ?? 4000}`
