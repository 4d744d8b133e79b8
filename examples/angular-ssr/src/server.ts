// The production server: the mock backend on /api/auth, the session check of the protected pages (authfront/server),
// the browser bundle's files, and Angular's server rendering of every other request.
import { fileURLToPath } from 'node:url'
import {
  AngularNodeAppEngine,
  createNodeRequestHandler,
  createWebRequestFromNodeRequest,
  isMainModule,
  writeResponseToNodeResponse,
} from '@angular/ssr/node'
import express from 'express'
import { getResponse } from 'msw'
import { createSessionVerifier } from 'authfront/server'
import { apiBasePath } from './config'
import { mockBackend } from './mock-backend'
import type { RequestContext } from './session'
import { appOrigin } from './server.config'

const browserFiles = fileURLToPath(new URL('../browser', import.meta.url))
// Once per process, so the backend's keys stay cached between requests (docs/SERVER.md).
const sessions = createSessionVerifier({ apiDomain: appOrigin, apiBasePath })
const angular = new AngularNodeAppEngine({ allowedHosts: [new URL(appOrigin).hostname] })
const app = express()
app.disable('x-powered-by')

// The mock backend over real HTTP, on the app's own origin: the browser's client and the verifier above (which
// fetches the key set) see one backend, and its session cookies are real httpOnly cookies.
app.use(apiBasePath, (req, res, next) => {
  const request = createWebRequestFromNodeRequest(req)
  // The mock's handlers match absolute URLs on its apiDomain, whatever Host header the request came with.
  const { pathname, search } = new URL(req.originalUrl, appOrigin)
  const forwarded = new Request(new URL(pathname + search, appOrigin), {
    method: request.method,
    headers: request.headers,
    body: request.body,
    duplex: 'half',
  } as RequestInit)
  getResponse(mockBackend().handlers, forwarded)
    .then((response) => writeResponseToNodeResponse(response ?? new Response('Not Found', { status: 404 }), res))
    .catch(next)
})

// The protected pages: signed-out visitors go to the auth page before anything renders.
app.use('/dashboard', (req, res, next) => {
  const { cookie, authorization } = req.headers
  sessions.verifySession({ cookie, authorization }).then(
    (session) => {
      if (session.status === 'SIGNED_OUT') {
        res.redirect(302, `/auth?${new URLSearchParams({ redirectToPath: req.originalUrl })}`)
        return
      }
      // TRY_REFRESH renders too: the page shows <af-try-refresh>, which refreshes in the browser (the server cannot).
      res.locals['session'] = session
      res.setHeader('Cache-Control', 'private, no-store')
      next()
    },
    // The key set could not be fetched (AuthError kind 'network'): an outage, not a signed-out visitor.
    () => res.status(503).type('text').send('The sign-in service is unavailable. Try again in a moment.'),
  )
})

app.use(express.static(browserFiles, { maxAge: '1y', index: false, redirect: false }))

app.use((req, res, next) => {
  const context: RequestContext = { session: res.locals['session'] }
  angular
    .handle(req, context)
    .then((response) => (response ? writeResponseToNodeResponse(response, res) : next()))
    .catch(next)
})

if (isMainModule(import.meta.url)) {
  const port = Number(process.env['PORT'] ?? 4000)
  const host = process.env['HOST'] ?? 'localhost'
  app.listen(port, host, () => process.stdout.write(`authfront on Angular SSR: ${appOrigin}/ (${host}:${port})\n`))
}

/** The request handler `ng serve` and `ng build` use. */
export const reqHandler = createNodeRequestHandler(app)
