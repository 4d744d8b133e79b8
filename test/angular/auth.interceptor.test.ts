import { HttpClient, HttpErrorResponse, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http'
import { TestBed } from '@angular/core/testing'
import { http, HttpResponse as MswResponse } from 'msw'
import { firstValueFrom } from 'rxjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAuthClient, createMemoryCookieJar, createMemoryLock, createMemoryStorage } from 'authfront'
import type { AuthClient, AuthEvent } from 'authfront'
import { authInterceptor, provideAuth } from 'authfront/angular'
import { createMockBackend } from 'authfront/mock'
import type { MockBackend } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

const API = 'http://api.interceptor.test'
const OTHER = 'http://elsewhere.test'
const ADA = { email: 'ada@example.com', password: 'password1' }

const backend: MockBackend = createMockBackend({ apiDomain: API, users: [ADA], emailVerification: 'optional' })
const server = setupMockServer(
  backend,
  http.post(
    `${API}/api/items`,
    backend.protect(async ({ request, session }) =>
      MswResponse.json({
        userId: session.userId,
        received: await request.json(),
        contentType: request.headers.get('content-type'),
        custom: request.headers.get('x-custom'),
      }),
    ),
  ),
  http.get(
    `${API}/api/verified-only`,
    backend.protect(() => MswResponse.json({ ok: true }), { claims: [backend.emailVerifiedClaim] }),
  ),
  http.get(
    `${API}/api/broken`,
    () => new MswResponse('<html>oops</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
  ),
  http.get(`${OTHER}/data`, ({ request }) =>
    MswResponse.json({ rid: request.headers.get('rid'), authMode: request.headers.get('st-auth-mode') }),
  ),
)
const paths: string[] = []
server.events.on('request:start', ({ request }) => paths.push(new URL(request.url).pathname))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  backend.reset()
  paths.length = 0
})
afterAll(() => server.close())

const newClient = () =>
  createAuthClient({
    apiDomain: API,
    emailVerification: 'optional',
    platform: {
      cookies: createMemoryCookieJar(),
      storage: createMemoryStorage(),
      lock: createMemoryLock(),
      broadcast: () => undefined,
    },
  })

async function signedInHttp(options: { fetch?: boolean } = {}): Promise<{ client: AuthClient; http: HttpClient }> {
  const client = newClient()
  const result = await client.emailPassword.signIn(ADA)
  expect(result.status).toBe('OK')
  TestBed.configureTestingModule({
    providers: [
      provideAuth(client),
      options.fetch === false
        ? provideHttpClient(withInterceptors([authInterceptor]))
        : provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    ],
  })
  paths.length = 0
  return { client, http: TestBed.inject(HttpClient) }
}

const refreshes = () => paths.filter((path) => path.endsWith('/session/refresh')).length

describe('authInterceptor', () => {
  it('sends HttpClient requests to the API with the session, as doFetch does', async () => {
    const { client, http } = await signedInHttp()
    const me = await firstValueFrom(http.get<{ userId: string; email: string }>(`${API}/api/me`))
    expect(me.email).toBe(ADA.email)
    expect(me.userId).toBe(client.store.getState().userId)
  })

  it('serializes bodies and keeps caller headers', async () => {
    const { http } = await signedInHttp()
    const answer = await firstValueFrom(
      http.post<{ received: unknown; contentType: string; custom: string }>(
        `${API}/api/items`,
        { name: 'tea', count: 2 },
        { headers: { 'x-custom': 'yes' } },
      ),
    )
    expect(answer.received).toEqual({ name: 'tea', count: 2 })
    expect(answer.contentType).toBe('application/json')
    expect(answer.custom).toBe('yes')
  })

  it('refreshes once on a 401 and retries, sharing the refresh with doFetch callers', async () => {
    const { client, http } = await signedInHttp()
    backend.controls.expireAccessTokens()
    const viaHttp = Array.from({ length: 4 }, () => firstValueFrom(http.get<{ email: string }>(`${API}/api/me`)))
    const viaFetch = Array.from({ length: 2 }, () => client.doFetch(`${API}/api/me`).then((r) => r.json()))
    const answers = await Promise.all([...viaHttp, ...viaFetch])
    expect(answers.map((answer) => (answer as { email: string }).email)).toEqual(Array(6).fill(ADA.email))
    expect(refreshes()).toBe(1)
    expect(client.store.getState().status).toBe('signedIn')
  })

  it('turns an ended session into an HttpErrorResponse 401 and signs the client out', async () => {
    const { client, http } = await signedInHttp()
    const events: AuthEvent[] = []
    client.on('*', (event) => events.push(event))
    backend.controls.revokeAllSessions()
    backend.controls.expireAccessTokens()
    const error = await firstValueFrom(http.get(`${API}/api/me`)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpErrorResponse)
    expect((error as HttpErrorResponse).status).toBe(401)
    expect(refreshes()).toBe(1)
    expect(client.store.getState().status).toBe('signedOut')
    expect(events.some((event) => event.type === 'UNAUTHORISED')).toBe(true)
  })

  it('reports a failed claim as a 403 HttpErrorResponse and fires API_INVALID_CLAIM', async () => {
    const { client, http } = await signedInHttp()
    const claimEvents: AuthEvent[] = []
    client.on('API_INVALID_CLAIM', (event) => claimEvents.push(event))
    const error = (await firstValueFrom(http.get(`${API}/api/verified-only`)).catch(
      (e: unknown) => e,
    )) as HttpErrorResponse
    expect(error.status).toBe(403)
    expect((error.error as { claimValidationErrors: { id: string }[] }).claimValidationErrors[0]?.id).toBe('st-ev')
    expect(claimEvents).toHaveLength(1)
  })

  it('delivers error pages that are not JSON as text, and network failures as status 0', async () => {
    const { http } = await signedInHttp()
    const broken = (await firstValueFrom(http.get(`${API}/api/broken`)).catch((e: unknown) => e)) as HttpErrorResponse
    expect(broken.status).toBe(502)
    expect(broken.error).toBe('<html>oops</html>')
    backend.controls.networkErrorNext({ match: '/api/me' })
    const offline = (await firstValueFrom(http.get(`${API}/api/me`)).catch((e: unknown) => e)) as HttpErrorResponse
    expect(offline).toBeInstanceOf(HttpErrorResponse)
    expect(offline.status).toBe(0)
  })

  it('honours responseType text', async () => {
    const { http } = await signedInHttp()
    const text = await firstValueFrom(http.get(`${API}/api/me`, { responseType: 'text' }))
    expect(JSON.parse(text).email).toBe(ADA.email)
  })

  it.each([true, false])('passes other origins through untouched (withFetch: %s)', async (fetch) => {
    const { http } = await signedInHttp({ fetch })
    const seen = await firstValueFrom(http.get<{ rid: string | null; authMode: string | null }>(`${OTHER}/data`))
    expect(seen).toEqual({ rid: null, authMode: null })
    expect(refreshes()).toBe(0)
  })
})
