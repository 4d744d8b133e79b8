// A small loopback backend for the benchmarks: serves the bench page bundles and just enough of the SuperTokens
// frontend driver interface (docs/PROTOCOL.md §2–§3) for both SDKs: sign-in/up issuing tokens + front-token, rotating
// refresh with theft detection, sign-out, and protected APIs that answer 401 "try refresh token" once the access
// token has expired. Listens on 127.0.0.1 only, closes itself after `maxLifetimeMs`, counts every request.
//
// Token model (simplified from supertokens-core, stated so the numbers can be judged):
// - access tokens are opaque random strings kept in memory with an expiry; like SuperTokens JWTs they stay valid
//   until they expire, even after a refresh rotated them;
// - a refresh rotates the refresh token; presenting the parent token again is accepted (same current tokens are
//   re-issued) until an access token of the new generation has been used, after which it is token theft: the
//   session is revoked, 401 `token theft detected` with clearing headers.
import { createServer } from 'node:http'
import { randomBytes } from 'node:crypto'
import { readFileSync, existsSync } from 'node:fs'
import { join, extname, normalize, sep } from 'node:path'
import { contentType } from '../scripts/lib/content-types.mjs'
import { FRAMEWORKS } from '../scripts/lib/frameworks.mjs'

const YEAR_MS = 365 * 24 * 3600 * 1000
const EXPOSE = 'front-token, st-access-token, st-refresh-token, anti-csrf'

const token = () => randomBytes(24).toString('base64url')

/** Sign-in pages served on their website base path (where each UI expects to render). */
const SIGN_IN_PAGES = new Map([
  ['/auth', 'react-signin'],
  ['/official/auth', 'official-signin'],
])

/** Ports other servers on this machine use; an ephemeral port should never land here, but never take one. */
const RESERVED_PORTS = new Set(FRAMEWORKS.flatMap((f) => [f.devPort, f.previewPort]))

/** Listens on an OS-chosen loopback port outside RESERVED_PORTS (a few bounded attempts). */
async function listen(server) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    if (!RESERVED_PORTS.has(server.address().port)) return
    await new Promise((resolve) => server.close(() => resolve()))
  }
  throw new Error('no free loopback port outside the reserved ones')
}

/**
 * Starts the server. `pagesDir` holds `<name>.js` bundles (and optional `<name>.css`), served as `/page/<name>`.
 * Returns `{ origin, close, counts, resetCounts, setNextSignInTtl, lastAte, activeSessions }`.
 */
export async function startBenchServer({ pagesDir, accessTtlMs = 60_000, maxLifetimeMs = 15 * 60_000 } = {}) {
  const users = new Map([['bench@example.com', { id: 'user-bench-1', password: 'benchpass1', timeJoined: Date.now() }]])
  const sessions = new Map() // handle -> { userId, mode, refresh, parentRefresh, generation, generationUsed, revoked }
  const accessTokens = new Map() // token -> { handle, exp, generation }
  const refreshTokens = new Map() // token -> handle
  let counts = new Map()
  let nextSignInTtl
  let lastAte = 0

  const count = (key) => counts.set(key, (counts.get(key) ?? 0) + 1)

  function cookies(req) {
    const out = {}
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=')
      if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim())
    }
    return out
  }

  function bearer(req) {
    const value = req.headers.authorization
    return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7) : undefined
  }

  function frontToken(userId, handle, ate, refresh) {
    const now = Date.now()
    const up = {
      sub: userId,
      iat: Math.floor(now / 1000),
      exp: Math.floor(ate / 1000),
      sessionHandle: handle,
      refreshTokenHash1: refresh.slice(0, 16),
      parentRefreshTokenHash1: null,
      antiCsrfToken: null,
      tId: 'public',
      rsub: userId,
      iss: 'bench',
    }
    return Buffer.from(JSON.stringify({ uid: userId, ate, up })).toString('base64')
  }

  /** Issues a new access token (and the given refresh token) on the response, in the session's transfer mode. */
  function issue(handle, ttlMs) {
    const session = sessions.get(handle)
    const access = token()
    const exp = Date.now() + ttlMs
    accessTokens.set(access, { handle, exp, generation: session.generation })
    lastAte = exp
    const headers = { 'front-token': frontToken(session.userId, handle, exp, session.refresh) }
    if (session.mode === 'cookie') {
      const expires = (ms) => new Date(Date.now() + ms).toUTCString()
      headers['set-cookie'] = [
        `sAccessToken=${access}; Path=/; Expires=${expires(YEAR_MS)}; HttpOnly; SameSite=Lax`,
        `sRefreshToken=${session.refresh}; Path=/auth/session/refresh; Expires=${expires(100 * 24 * 3600 * 1000)}; HttpOnly; SameSite=Lax`,
      ]
    } else {
      headers['st-access-token'] = access
      headers['st-refresh-token'] = session.refresh
    }
    return headers
  }

  function clearing(mode) {
    const epoch = 'Thu, 01 Jan 1970 00:00:00 GMT'
    const headers = {
      'front-token': 'remove',
      'set-cookie': [
        `sAccessToken=; Path=/; Expires=${epoch}; HttpOnly; SameSite=Lax`,
        `sRefreshToken=; Path=/auth/session/refresh; Expires=${epoch}; HttpOnly; SameSite=Lax`,
      ],
    }
    if (mode === 'header') Object.assign(headers, { 'st-access-token': '', 'st-refresh-token': '' })
    return headers
  }

  function createSession(req, userId) {
    // node's default: `st-auth-mode: cookie` gives cookies; anything else (or nothing) gives header mode.
    const mode = req.headers['st-auth-mode'] === 'cookie' ? 'cookie' : 'header'
    const handle = token()
    const refresh = token()
    sessions.set(handle, { userId, mode, refresh, parentRefresh: undefined, generation: 0, generationUsed: false })
    refreshTokens.set(refresh, handle)
    const ttl = nextSignInTtl ?? accessTtlMs
    nextSignInTtl = undefined
    return issue(handle, ttl)
  }

  /** Session verification as `verifySession()` does it: returns the session or sends the 401. */
  function verify(req, send) {
    const headerToken = bearer(req)
    const candidate =
      headerToken !== undefined && accessTokens.has(headerToken) ? headerToken : cookies(req).sAccessToken
    if (!candidate) return (send(401, { message: 'unauthorised' }), undefined)
    const entry = accessTokens.get(candidate)
    if (!entry) return (send(401, { message: 'unauthorised' }), undefined)
    if (entry.exp <= Date.now()) return (send(401, { message: 'try refresh token' }), undefined)
    const session = sessions.get(entry.handle)
    if (!session || session.revoked) return (send(401, { message: 'unauthorised' }, clearing(session?.mode)), undefined)
    if (entry.generation === session.generation) session.generationUsed = true
    return { handle: entry.handle, session }
  }

  function refresh(req, send) {
    const headerToken = bearer(req)
    const presented = headerToken ?? cookies(req).sRefreshToken
    const handle = presented === undefined ? undefined : refreshTokens.get(presented)
    const session = handle === undefined ? undefined : sessions.get(handle)
    if (!session || session.revoked) return send(401, { message: 'unauthorised' }, clearing(session?.mode ?? 'cookie'))
    if (presented === session.refresh) {
      session.parentRefresh = presented
      session.refresh = token()
      session.generation += 1
      session.generationUsed = false
      refreshTokens.set(session.refresh, handle)
      return send(200, {}, issue(handle, accessTtlMs))
    }
    if (presented === session.parentRefresh && !session.generationUsed) {
      return send(200, {}, issue(handle, accessTtlMs))
    }
    session.revoked = true
    return send(401, { message: 'token theft detected' }, clearing(session.mode))
  }

  function formFields(body) {
    const fields = Object.fromEntries((body?.formFields ?? []).map((field) => [field.id, field.value]))
    return { email: typeof fields.email === 'string' ? fields.email.trim() : undefined, password: fields.password }
  }

  const userJson = (email, user) => ({
    id: user.id,
    isPrimaryUser: false,
    tenantIds: ['public'],
    emails: [email],
    phoneNumbers: [],
    thirdParty: [],
    loginMethods: [
      {
        recipeId: 'emailpassword',
        recipeUserId: user.id,
        tenantIds: ['public'],
        email,
        timeJoined: user.timeJoined,
        verified: false,
      },
    ],
    timeJoined: user.timeJoined,
  })

  function page(name) {
    const css = existsSync(join(pagesDir, `${name}.css`)) ? `<link rel="stylesheet" href="/assets/${name}.css">` : ''
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>${css}</head><body><div id="root"></div><script type="module" src="/assets/${name}.js"></script></body></html>`
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1')
    const path = url.pathname
    const send = (status, body, headers = {}) => {
      count(`${req.method} ${path} ${status}`)
      res.writeHead(status, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        'access-control-expose-headers': EXPOSE,
        ...headers,
      })
      res.end(JSON.stringify(body))
    }
    const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }

    const signInPage = SIGN_IN_PAGES.get(path.replace(/\/$/, ''))
    if (req.method === 'GET' && (path.startsWith('/page/') || signInPage)) {
      const name = signInPage ?? path.slice(6)
      if (!/^[\w-]+$/.test(name) || !existsSync(join(pagesDir, `${name}.js`))) return send(404, { message: 'no page' })
      count(`GET /page ${name}`)
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...isolated })
      return res.end(page(name))
    }
    if (req.method === 'GET' && path.startsWith('/assets/')) {
      const file = path.slice(8)
      const full = join(pagesDir, file)
      if (!/^[\w.-]+$/.test(file) || !existsSync(full)) return send(404, { message: 'no asset' })
      res.writeHead(200, {
        'content-type': contentType(file),
        'cache-control': 'no-store',
        'cross-origin-resource-policy': 'same-origin',
      })
      return res.end(readFileSync(full))
    }
    if (path === '/favicon.ico') return res.writeHead(204).end()

    let body
    if (req.method === 'POST') {
      const chunks = []
      for await (const chunk of req) chunks.push(chunk)
      const text = Buffer.concat(chunks).toString('utf8')
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        return send(400, { message: 'body is not JSON' })
      }
    }
    const route = `${req.method} ${path.replace(/^\/auth\/public\//, '/auth/')}`
    switch (route) {
      case 'GET /api/ok':
        return send(200, { ok: true })
      case 'GET /api/protected': {
        const found = verify(req, send)
        return found && send(200, { ok: true, userId: found.session.userId })
      }
      case 'POST /auth/signin': {
        const { email, password } = formFields(body)
        if (!Array.isArray(body?.formFields)) return send(400, { message: 'Missing input param: formFields' })
        const user = email === undefined ? undefined : users.get(email)
        if (!user || user.password !== password) return send(200, { status: 'WRONG_CREDENTIALS_ERROR' })
        return send(200, { status: 'OK', user: userJson(email, user) }, createSession(req, user.id))
      }
      case 'POST /auth/signup': {
        const { email, password } = formFields(body)
        if (!Array.isArray(body?.formFields)) return send(400, { message: 'Missing input param: formFields' })
        if (!email || typeof password !== 'string' || password.length < 8) {
          return send(200, {
            status: 'FIELD_ERROR',
            formFields: [{ id: 'password', error: 'Password must contain at least 8 characters, including a number' }],
          })
        }
        if (users.has(email)) {
          return send(200, {
            status: 'FIELD_ERROR',
            formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }],
          })
        }
        const user = { id: `user-${token().slice(0, 12)}`, password, timeJoined: Date.now() }
        users.set(email, user)
        return send(200, { status: 'OK', user: userJson(email, user) }, createSession(req, user.id))
      }
      case 'GET /auth/emailpassword/email/exists':
        return send(200, { status: 'OK', exists: users.has(url.searchParams.get('email') ?? '') })
      case 'POST /auth/session/refresh':
        return refresh(req, send)
      case 'POST /auth/signout': {
        const found = verify(req, send)
        if (!found) return
        found.session.revoked = true
        return send(200, { status: 'OK' }, clearing(found.session.mode))
      }
      case 'GET /auth/user/email/verify': {
        const found = verify(req, send)
        return found && send(200, { status: 'OK', isVerified: true })
      }
      default:
        return send(404, { message: `no route ${route}` })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      count(`ERROR ${error.message}`)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  server.keepAliveTimeout = 5_000
  await listen(server)
  const lifetime = setTimeout(() => close(), maxLifetimeMs)
  lifetime.unref()
  let closed
  function close() {
    clearTimeout(lifetime)
    closed ??= new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    return closed
  }
  const { port } = server.address()
  return {
    origin: `http://127.0.0.1:${port}`,
    close,
    /** Requests since the last reset, keyed `METHOD path status`. */
    counts: () => Object.fromEntries(counts),
    resetCounts: () => {
      counts = new Map()
    },
    /** The next sign-in/up issues an access token living `ms` (one shot); later tokens use `accessTtlMs`. */
    setNextSignInTtl: (ms) => {
      nextSignInTtl = ms
    },
    /** Expiry (epoch ms) of the most recently issued access token. */
    lastAte: () => lastAte,
    revokedSessions: () => [...sessions.values()].filter((session) => session.revoked).length,
  }
}

/**
 * A static file server for a built app (e.g. examples/react's `vite build` output, MSW worker included), with
 * the single-page fallback to `index.html` for paths without an extension. 127.0.0.1 only, bounded lifetime.
 */
export async function startStaticServer({ dir, maxLifetimeMs = 15 * 60_000 }) {
  const root = normalize(dir + sep)
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname)
    let file = normalize(join(root, path))
    if (!file.startsWith(root)) return res.writeHead(403).end()
    if (!existsSync(file) || path.endsWith('/')) file = extname(path) === '' ? join(root, 'index.html') : ''
    if (!file || !existsSync(file)) return res.writeHead(404).end()
    res.writeHead(200, {
      'content-type': contentType(file),
      'cache-control': 'no-store',
    })
    res.end(readFileSync(file))
  })
  await listen(server)
  const lifetime = setTimeout(() => close(), maxLifetimeMs)
  lifetime.unref()
  let closed
  function close() {
    clearTimeout(lifetime)
    closed ??= new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    return closed
  }
  return { origin: `http://127.0.0.1:${server.address().port}`, close }
}
