// Builds the Angular SSR example for production and starts its server on a free port; the specs read its origin
// from ANGULAR_SSR_EXAMPLE_ORIGIN. Returns the teardown that stops the server.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ACCESS_TOKEN_LIFETIME_MS, freePort, startServer } from '../lib/ssrExample'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export default async function startAngularSsrExample(): Promise<() => Promise<void>> {
  const env = { ...process.env, FORCE_COLOR: '0' }
  const started = Date.now()
  const build = spawnSync(process.execPath, ['examples/angular-ssr/build.mjs'], { cwd: ROOT, env, stdio: 'inherit' })
  if (build.status !== 0) throw new Error(`the Angular SSR build failed (exit ${build.status ?? build.signal})`)
  console.log(`Angular SSR build: ${((Date.now() - started) / 1000).toFixed(1)} s`)

  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const stop = await startServer(
    'the Angular SSR server',
    ['examples/angular-ssr/dist/server/server.mjs'],
    `${origin}/api/auth/jwt/jwks.json`,
    {
      cwd: ROOT,
      env: {
        ...env,
        APP_ORIGIN: origin,
        HOST: '127.0.0.1',
        PORT: String(port),
        ACCESS_TOKEN_LIFETIME_MS: String(ACCESS_TOKEN_LIFETIME_MS),
      },
    },
  )
  process.env['ANGULAR_SSR_EXAMPLE_ORIGIN'] = origin
  return stop
}
