#!/usr/bin/env node
// `npm run dev` / `dev:vue` / `dev:angular`: start an example app on the built-in mock backend.
import { spawn } from 'node:child_process'
import { FRAMEWORKS, framework } from './lib/frameworks.mjs'

let example
try {
  example = framework(process.argv[2] ?? 'react')
} catch (error) {
  console.error(error.message)
  process.exit(1)
}
console.log(`Starting the ${example.name} example on the mock backend: http://localhost:${example.devPort}/`)
console.log(
  `Other examples: ${FRAMEWORKS.map((f) => (f.name === 'react' ? 'npm run dev' : `npm run dev:${f.name}`)).join(', ')}`,
)
const child = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', '--config', `${example.example}/vite.config.ts`, ...process.argv.slice(3)],
  // The configs import shared TypeScript helpers, which Vite's default (bundling) config loader handles; the warning
  // is about a future native loader only.
  { stdio: 'inherit', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
