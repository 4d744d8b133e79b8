#!/usr/bin/env node
// `npm run dev` / `dev:vue` / `dev:angular`: start an example app on the built-in mock backend.
import { spawn } from 'node:child_process'

const framework = process.argv[2] ?? 'react'
const ports = { react: 5173, vue: 5174, angular: 5175 }
if (!(framework in ports)) {
  console.error(`Unknown example "${framework}". Use one of: ${Object.keys(ports).join(', ')}.`)
  process.exit(1)
}
console.log(`Starting the ${framework} example on the mock backend: http://localhost:${ports[framework]}/`)
console.log('Other examples: npm run dev (React), npm run dev:vue, npm run dev:angular')
const child = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', '--config', `examples/${framework}/vite.config.ts`, ...process.argv.slice(3)],
  // The configs import shared TypeScript helpers, which Vite's default (bundling) config loader handles; the warning
  // is about a future native loader only.
  { stdio: 'inherit', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
