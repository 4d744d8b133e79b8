// Builds the Next.js example for production and starts it on a free port; the specs read its origin from
// NEXT_EXAMPLE_ORIGIN. Returns the teardown that stops the server.
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const NEXT = 'node_modules/next/dist/bin/next'
/** Access tokens live this long, so the journey can wait for one to expire. */
export const ACCESS_TOKEN_LIFETIME_MS = 8_000

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

export default async function startNextExample(): Promise<() => Promise<void>> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' }
  const started = Date.now()
  const build = spawnSync(process.execPath, [NEXT, 'build', 'examples/next'], { cwd: ROOT, env, stdio: 'inherit' })
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status ?? build.signal})`)
  console.log(`next build: ${((Date.now() - started) / 1000).toFixed(1)} s`)

  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const server = spawn(process.execPath, [NEXT, 'start', 'examples/next', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env: { ...env, APP_ORIGIN: origin, ACCESS_TOKEN_LIFETIME_MS: String(ACCESS_TOKEN_LIFETIME_MS) },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = new Promise<never>((_, reject) =>
    server.once('exit', (code) => reject(new Error(`next start exited (code ${code}) before it was ready`))),
  )
  exited.catch(() => {})
  const deadline = Date.now() + 60_000
  for (;;) {
    const ready = await Promise.race([
      fetch(`${origin}/api/auth/jwt/jwks.json`).then(
        (response) => response.ok,
        () => false,
      ),
      exited,
    ])
    if (ready) break
    if (Date.now() > deadline) {
      server.kill()
      throw new Error(`next start did not answer on ${origin} within 60 s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  process.env['NEXT_EXAMPLE_ORIGIN'] = origin
  return async () => {
    if (server.exitCode !== null) return
    const stopped = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await stopped
  }
}
