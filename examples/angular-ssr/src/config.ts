/** Where the backend (here the mock, served by server.ts) answers: the same origin as the pages. */
export const apiBasePath = '/api/auth'
