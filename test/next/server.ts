// Builds the Next.js example for production and starts it on a free port; the specs read its origin from
// NEXT_EXAMPLE_ORIGIN. Returns the teardown that stops the server.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ACCESS_TOKEN_LIFETIME_MS, freePort, startServer } from '../lib/ssrExample'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const NEXT = 'node_modules/next/dist/bin/next'

export default async function startNextExample(): Promise<() => Promise<void>> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' }
  const started = Date.now()
  const build = spawnSync(process.execPath, [NEXT, 'build', 'examples/next'], { cwd: ROOT, env, stdio: 'inherit' })
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status ?? build.signal})`)
  console.log(`next build: ${((Date.now() - started) / 1000).toFixed(1)} s`)

  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const stop = await startServer(
    'next start',
    [NEXT, 'start', 'examples/next', '-H', '127.0.0.1', '-p', String(port)],
    `${origin}/api/auth/jwt/jwks.json`,
    { cwd: ROOT, env: { ...env, APP_ORIGIN: origin, ACCESS_TOKEN_LIFETIME_MS: String(ACCESS_TOKEN_LIFETIME_MS) } },
  )
  process.env['NEXT_EXAMPLE_ORIGIN'] = origin
  return stop
}
