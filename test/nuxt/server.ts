// Builds the Nuxt example for production and starts its server (.output/server/index.mjs) on a free port; the specs
// read its origin from NUXT_EXAMPLE_ORIGIN. Returns the teardown that stops the server.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ACCESS_TOKEN_LIFETIME_MS, freePort, startServer } from '../lib/ssrExample'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export default async function startNuxtExample(): Promise<() => Promise<void>> {
  const env = { ...process.env, NUXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' }
  const started = Date.now()
  const build = spawnSync(process.execPath, ['node_modules/nuxt/bin/nuxt.mjs', 'build', 'examples/nuxt'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error(`nuxt build failed (exit ${build.status ?? build.signal})`)
  console.log(`nuxt build: ${((Date.now() - started) / 1000).toFixed(1)} s`)

  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const stop = await startServer(
    'the Nuxt server',
    ['examples/nuxt/.output/server/index.mjs'],
    `${origin}/api/auth/jwt/jwks.json`,
    {
      cwd: ROOT,
      env: {
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
        NUXT_PUBLIC_APP_ORIGIN: origin,
        NUXT_ACCESS_TOKEN_LIFETIME_MS: String(ACCESS_TOKEN_LIFETIME_MS),
      },
    },
  )
  process.env['NUXT_EXAMPLE_ORIGIN'] = origin
  return stop
}
