// The mock backend over real HTTP, on the app's own origin: the browser's client and the server (the proxy and the
// pages, which fetch the key set) see one backend, and its session cookies are real httpOnly cookies.
import { getResponse } from 'msw'
import { appOrigin } from '../../../../lib/config'
import { mockBackend } from '../../../../lib/mockBackend'

async function answer(request: Request): Promise<Response> {
  const { pathname, search } = new URL(request.url)
  // The mock's handlers match absolute URLs on its apiDomain, whatever Host header the request came with.
  const url = new URL(pathname + search, appOrigin)
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  const forwarded = new Request(url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
  })
  return (await getResponse(mockBackend().handlers, forwarded)) ?? new Response('Not Found', { status: 404 })
}

export { answer as GET, answer as POST, answer as PUT, answer as DELETE, answer as OPTIONS }
