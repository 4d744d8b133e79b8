import { fileURLToPath } from 'node:url'
import { defineNuxtConfig } from 'nuxt/config'
import type {} from '@nuxt/nitro-server'
import { apiBasePath } from './paths'

export default defineNuxtConfig({
  // This folder, not the repository's root (with its own vite.config.ts and tsconfig.json), is the app.
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  compatibilityDate: '2026-01-01',
  css: ['authfront/styles.css'],
  app: { head: { title: 'authfront on Nuxt', htmlAttrs: { lang: 'en' } } },
  runtimeConfig: {
    // Read when the server starts, from NUXT_ACCESS_TOKEN_LIFETIME_MS: the mock's access-token lifetime.
    accessTokenLifetimeMs: '',
    // From NUXT_PUBLIC_APP_ORIGIN when the server starts: the origin users open the app on, where the mock answers
    // (paths.ts). `node .output/server/index.mjs` on port 4000 needs http://localhost:4000.
    public: { appOrigin: 'http://localhost:3000', apiBasePath },
  },
  // The mock (dist/mock.js) has BigInt literals, which Nitro's default target (es2019) would refuse.
  nitro: { preset: 'node-server', esbuild: { options: { target: 'es2022' } } },
  // The repository's `tsc` and `vue-tsc` check this app; the build only builds, without source maps or devtools.
  // The .vue files are named in the app's generated tsconfig, as its .ts files are: the TypeScript transform looks for
  // the tsconfig that includes a file and would otherwise climb to the repository's root one.
  typescript: { typeCheck: false, tsConfig: { include: ['../app/**/*.vue'] } },
  sourcemap: { server: false, client: false },
  devtools: { enabled: false },
  telemetry: false,
})
