import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { repo, sourceAliases } from '../common/aliases'
import { exampleServers, previewSecurityHeaders } from '../common/servers'
import vue from '@vitejs/plugin-vue'

const alias = sourceAliases('vue')

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: repo('public'),
  plugins: [vue(), previewSecurityHeaders()],
  resolve: { alias },
  // Its own optimizer cache, so the three examples (and the test runners) never invalidate each other's, and every
  // dependency listed, so no late discovery reloads the page in the middle of a test.
  cacheDir: repo('node_modules/.vite/example-vue'),
  optimizeDeps: { include: ['vue', 'vue-router', 'msw', 'msw/browser', 'zustand/vanilla'] },
  ...exampleServers('vue'),
  build: { target: 'es2022' },
})
