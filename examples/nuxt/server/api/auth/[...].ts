// The mock backend over real HTTP, on the app's own origin: the browser's client and the server (the middleware and
// /api/session, which fetch the key set) see one backend, and its session cookies are real httpOnly cookies.
import { defineEventHandler, toWebRequest } from 'h3'
import { getResponse } from 'msw'
import { appOrigin } from '../../utils/config'
import { mockBackend } from '../../utils/mockBackend'

export default defineEventHandler(async (event) => {
  const incoming = toWebRequest(event)
  const { pathname, search } = new URL(incoming.url)
  // The mock's handlers match absolute URLs on its apiDomain, whatever Host header the request came with.
  const url = new URL(pathname + search, appOrigin())
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD'
  const request = new Request(url, {
    method: incoming.method,
    headers: incoming.headers,
    body: hasBody ? await incoming.arrayBuffer() : undefined,
  })
  return (await getResponse(mockBackend().handlers, request)) ?? new Response('Not Found', { status: 404 })
})
