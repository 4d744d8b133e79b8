// What each recipe plugin and each larger screen adds to a React app, in gzip bytes: the React email-password page
// (bench/fixtures/react.tsx: SignInUp + SessionAuth) with one thing added, minus the same page without it. Built
// like scripts/size.mjs builds its apps (against dist/, fully minified, lazy chunks inlined), from sources generated
// here so each pair differs by that one thing only. `npm run bench` puts the table in BENCHMARKS.md;
// `node bench/costs.mjs` prints it.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { measureApp } from '../scripts/size.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const generated = join(root, 'artifacts/size/costs')

const PLUGINS = {
  thirdParty: "thirdParty({ providers: ['google', 'github'] })",
  passwordless: "passwordless({ contactMethod: 'EMAIL' })",
  multitenancy: 'multitenancy()',
  multiFactor: 'multiFactor()',
  totp: 'totp()',
  webauthn: 'webauthn()',
}

/** The React email-password page with `plugins` (keys of PLUGINS) passed to the client and `page` on /auth/*. */
function pageSource(plugins, { page = '<SignInUp />', account = '' } = {}) {
  const components = ['AuthProvider', 'SessionAuth', ...new Set(`${page} ${account}`.match(/(?<=<)[A-Z]\w+/g))]
  return [
    "import { createRoot } from 'react-dom/client'",
    `import { ${['createAuthClient', ...plugins].join(', ')} } from 'authfront'`,
    `import { ${[...new Set(components)].sort().join(', ')} } from 'authfront/react'`,
    '',
    `const auth = createAuthClient({ apiDomain: location.origin, recipes: [${plugins.map((name) => PLUGINS[name]).join(', ')}] })`,
    "createRoot(document.getElementById('root')!).render(",
    '  <AuthProvider client={auth}>',
    `    {location.pathname.startsWith('/auth') ? ${page} : <SessionAuth>signed in${account}</SessionAuth>}`,
    '  </AuthProvider>,',
    ')',
    '',
  ].join('\n')
}

/** [row label, page with the thing, page without it]: each a pageSource(...) argument list. */
const PAIRS = [
  ...['thirdParty', 'passwordless', 'multitenancy', 'multiFactor', 'webauthn'].map((name) => [
    `plugin \`${name}()\``,
    [[name]],
    [[]],
  ]),
  // totp() is a second factor: it needs multiFactor(), which it is measured on top of.
  ['plugin `totp()` (beside `multiFactor()`)', [['multiFactor', 'totp']], [['multiFactor']]],
  ['screen `AuthPage` (instead of `SignInUp`)', [[], { page: '<AuthPage />' }], [[]]],
  [
    'screen `MfaSettings` (with `multiFactor()` and `totp()`)',
    [['multiFactor', 'totp'], { account: ' <MfaSettings />' }],
    [['multiFactor', 'totp']],
  ],
  ['screen `PasskeySettings` (with `webauthn()`)', [['webauthn'], { account: ' <PasskeySettings />' }], [['webauthn']]],
]

/** `[{ name, min, gzip, brotli }]`: the cost of each plugin and screen beyond the page without it. Needs dist/. */
export async function measureCosts() {
  mkdirSync(generated, { recursive: true })
  const built = new Map()
  const measure = async (args) => {
    const source = pageSource(...args)
    if (!built.has(source)) {
      const file = join(generated, `page-${built.size}.tsx`)
      writeFileSync(file, source)
      built.set(source, measureApp(relative(join(root, 'bench/fixtures'), file)))
    }
    return built.get(source)
  }
  const rows = []
  for (const [name, withIt, without] of PAIRS) {
    const [a, b] = [await measure(withIt), await measure(without)]
    rows.push({ name, min: a.min - b.min, gzip: a.gzip - b.gzip, brotli: a.brotli - b.brotli })
  }
  return rows
}

/** The rows as a Markdown table. */
export const costsTable = (rows) => [
  '| added to the React email-password page | min B | gzip B | brotli B |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map((row) => `| ${row.name} | ${row.min} | ${row.gzip} | ${row.brotli} |`),
]

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(costsTable(await measureCosts()).join('\n'))
