import { HttpErrorResponse, HttpEventType, HttpHeaders, HttpResponse } from '@angular/common/http'
import type { HttpEvent, HttpInterceptorFn, HttpRequest } from '@angular/common/http'
import { Observable } from 'rxjs'
import type { AuthClient } from '../../src/client/types'
import { injectAuthClient } from './auth.providers'

const XSSI_PREFIX = /^\)\]\}',?\n/

/**
 * Gives `HttpClient` requests to the API domain exactly the behaviour of `client.doFetch`: session headers,
 * credentials, response processing, and on a 401 the one refresh shared with every other request (fetch or
 * HttpClient, in every tab), then a retry. Other URLs pass through to the next handler untouched.
 *
 * Intercepted requests are sent by `doFetch` itself, so handlers after this one never see them: list
 * `authInterceptor` last. Progress events are not reported for intercepted requests.
 *
 * @example
 * ```ts
 * providers: [provideAuth(auth), provideHttpClient(withFetch(), withInterceptors([logInterceptor, authInterceptor]))]
 * ```
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const client = injectAuthClient()
  // docs/PROTOCOL.md §5.3, decided by the client's own rule (relative URLs resolve against its platform origin).
  if (!client.shouldIntercept(req.urlWithParams)) return next(req)
  return new Observable<HttpEvent<unknown>>((subscriber) => {
    const aborter = new AbortController()
    const timer = req.timeout
      ? setTimeout(() => aborter.abort(new DOMException('signal timed out', 'TimeoutError')), req.timeout)
      : undefined
    subscriber.next({ type: HttpEventType.Sent })
    send(client, req, aborter.signal).then(
      (event) => {
        if (event instanceof HttpErrorResponse) subscriber.error(event)
        else {
          subscriber.next(event)
          subscriber.complete()
        }
      },
      (error: unknown) => subscriber.error(error),
    )
    return () => {
      clearTimeout(timer)
      aborter.abort()
    }
  })
}

async function send(
  client: AuthClient,
  req: HttpRequest<unknown>,
  signal: AbortSignal,
): Promise<HttpResponse<unknown> | HttpErrorResponse> {
  const url = req.urlWithParams
  let response: Response
  try {
    response = await client.doFetch(url, { ...requestInit(req), signal })
  } catch (error) {
    // doFetch rejects with AuthError (network, refresh limit) or the platform's TypeError/AbortError: all of them
    // are "no usable answer", which HttpClient reports as status 0.
    return new HttpErrorResponse({ error, status: 0, statusText: 'Unknown Error', url })
  }
  const headers = new HttpHeaders(response.headers)
  const init = { headers, status: response.status, statusText: response.statusText, url: response.url || url }
  const ok = response.status >= 200 && response.status < 300
  let body: unknown
  try {
    body = await parseBody(req, response, ok)
  } catch (error) {
    return new HttpErrorResponse({ ...init, error })
  }
  return ok ? new HttpResponse({ ...init, body }) : new HttpErrorResponse({ ...init, error: body })
}

/** The same RequestInit Angular's FetchBackend builds, so switching the interceptor on changes nothing else. */
function requestInit(req: HttpRequest<unknown>): RequestInit {
  const headers: Record<string, string> = {}
  req.headers.keys().forEach((name) => {
    headers[name] = (req.headers.getAll(name) ?? []).join(',')
  })
  if (!req.headers.has('Accept')) headers['Accept'] = 'application/json, text/plain, */*'
  if (!req.headers.has('Content-Type')) {
    const detected = req.detectContentTypeHeader()
    if (detected !== null) headers['Content-Type'] = detected
  }
  return {
    method: req.method,
    headers,
    body: req.serializeBody(),
    credentials: req.withCredentials ? 'include' : req.credentials,
    keepalive: req.keepalive,
    cache: req.cache,
    priority: req.priority,
    mode: req.mode,
    redirect: req.redirect,
    referrer: req.referrer,
    integrity: req.integrity,
    referrerPolicy: req.referrerPolicy,
  }
}

async function parseBody(req: HttpRequest<unknown>, response: Response, ok: boolean): Promise<unknown> {
  switch (req.responseType) {
    case 'text':
      return response.text()
    case 'blob':
      return response.blob()
    case 'arraybuffer':
      return response.arrayBuffer()
    case 'json': {
      const text = (await response.text()).replace(XSSI_PREFIX, '')
      if (text === '') return null
      try {
        return JSON.parse(text)
      } catch (error) {
        // Like HttpClient: an error page that is not JSON is still delivered, as text.
        if (!ok) return text
        throw error
      }
    }
  }
}
