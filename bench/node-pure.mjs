// The JavaScript cost of one authfront doFetch in Node: the published client (dist/) with a platform fetch that
// answers at once and the memory cookie jar, signed in through the same stub. A cross-check of the in-page figure
// that needs no browser (the official client needs a DOM, so it has no Node figure).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { median } from './stats.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const API = 'http://127.0.0.1:1'

function frontToken() {
  const now = Date.now()
  const ate = now + 3_600_000
  const up = { sub: 'user-stub', iat: Math.floor(now / 1000), exp: Math.floor(ate / 1000), sessionHandle: 'stub' }
  return Buffer.from(JSON.stringify({ uid: 'user-stub', ate, up })).toString('base64')
}

const user = {
  id: 'user-stub',
  isPrimaryUser: false,
  tenantIds: ['public'],
  emails: ['a@b.c'],
  phoneNumbers: [],
  loginMethods: [],
  timeJoined: 0,
}

function stubFetch(input) {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  if (url.includes('/auth/signin')) {
    return Promise.resolve(
      new Response(JSON.stringify({ status: 'OK', user }), {
        headers: { 'content-type': 'application/json', 'front-token': frontToken() },
      }),
    )
  }
  return Promise.resolve(new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }))
}

async function loop(call, n) {
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) {
    const response = await call()
    if (response.status !== 200) throw new Error(`status ${response.status}`)
  }
  const wallUs = Number(process.hrtime.bigint() - start) / 1000 / n
  const used = process.cpuUsage(cpu)
  return { wallUs, cpuUs: (used.user + used.system) / n }
}

/** `{ rows: [{ name, wallUs, cpuUs }], rounds, calls }`: medians over rounds, for the bare stub and doFetch. */
export async function nodePureJs({ rounds = 7, calls = 5000 } = {}) {
  const entry = join(root, 'dist/authfront.js')
  if (!existsSync(entry)) throw new Error('dist/authfront.js is missing: run `npm run build` first')
  const { createAuthClient } = await import(pathToFileURL(entry).href)
  const auth = createAuthClient({ apiDomain: API, platform: { fetch: stubFetch } })
  const signedIn = await auth.emailPassword.signIn({ email: 'a@b.c', password: 'benchpass1' })
  if (signedIn.status !== 'OK' || !(await auth.session.exists())) throw new Error('the stub sign-in left no session')
  const url = `${API}/api/ok`
  const subjects = { 'bare stub': () => stubFetch(url), 'authfront doFetch': () => auth.doFetch(url) }
  for (const call of Object.values(subjects)) await loop(call, 1000)
  const results = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    for (const [name, call] of Object.entries(subjects)) results[name].push(await loop(call, calls))
  }
  const rows = Object.entries(results).map(([name, list]) => ({
    name,
    wallUs: median(list.map((result) => result.wallUs)),
    cpuUs: median(list.map((result) => result.cpuUs)),
    bestWallUs: Math.min(...list.map((result) => result.wallUs)),
  }))
  return { rows, rounds, calls, node: process.version }
}
