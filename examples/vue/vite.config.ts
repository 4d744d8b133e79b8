import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { repo, sourceAliases } from '../shared/aliases'
import vue from '@vitejs/plugin-vue'

const alias = sourceAliases('vue')

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: repo('public'),
  plugins: [vue()],
  resolve: { alias },
  // Its own optimizer cache, so the three examples (and the test runners) never invalidate each other's, and every
  // dependency listed, so no late discovery reloads the page in the middle of a test.
  cacheDir: repo('node_modules/.vite/example-vue'),
  optimizeDeps: { include: ['vue', 'vue-router', 'msw', 'msw/browser', 'zustand/vanilla'] },
  server: {
    host: '127.0.0.1',
    port: 5174,
    strictPort: true,
    // The e2e run (scripts/e2e.mjs) turns off file watching and hot reload: an edit elsewhere in the repo must not
    // reload a page in the middle of a test.
    ...(process.env['AUTHFRONT_E2E'] ? { hmr: false, watch: null } : {}),
  },
  preview: { host: '127.0.0.1', port: 5174, strictPort: true },
  build: { target: 'es2022' },
})
