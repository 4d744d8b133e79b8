// Cookies are per host, not per port: every browser test file on localhost shares the frontend cookies, so a file
// that signs in clears them before it starts and when it ends.
export const FRONTEND_COOKIES = [
  'sFrontToken',
  'st-last-access-token-update',
  'st-access-token',
  'st-refresh-token',
  'sAntiCsrf',
]

export const clearCookie = (name: string) => (document.cookie = `${name}=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/`)

export const clearFrontendCookies = () => FRONTEND_COOKIES.forEach(clearCookie)
