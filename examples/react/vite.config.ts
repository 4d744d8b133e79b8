import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { repo, sourceAliases } from '../shared/aliases'
import react from '@vitejs/plugin-react'

const alias = sourceAliases('react')

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: repo('public'),
  plugins: [react()],
  resolve: { alias },
  // Its own optimizer cache, so the three examples (and the test runners) never invalidate each other's, and every
  // dependency listed, so no late discovery reloads the page in the middle of a test.
  cacheDir: repo('node_modules/.vite/example-react'),
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-dev-runtime',
      'react/jsx-runtime',
      'react-dom',
      'react-dom/client',
      'msw',
      'msw/browser',
      'zustand/vanilla',
    ],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // The e2e run (scripts/e2e.mjs) turns off file watching and hot reload: an edit elsewhere in the repo must not
    // reload a page in the middle of a test.
    ...(process.env['AUTHFRONT_E2E'] ? { hmr: false, watch: null } : {}),
  },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: { target: 'es2022' },
})
