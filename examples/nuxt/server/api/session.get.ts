// Who the request's cookies say is signed in, verified on the server: what the protected pages render from, on the
// server and after navigations in the browser. A 503 when the key set cannot be fetched: an outage, not a sign-out.
import { createError, defineEventHandler, setResponseHeader } from 'h3'
import { readSession } from '../utils/session'

export default defineEventHandler(async (event) => {
  setResponseHeader(event, 'cache-control', 'no-store')
  try {
    return await readSession(event)
  } catch {
    throw createError({ statusCode: 503, statusMessage: 'The sign-in service is unavailable' })
  }
})
