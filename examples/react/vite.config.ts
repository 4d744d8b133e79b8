import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { repo, sourceAliases } from '../common/aliases'
import { exampleServers, previewSecurityHeaders } from '../common/servers'
import react from '@vitejs/plugin-react'

const alias = sourceAliases('react')

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: repo('public'),
  plugins: [react(), previewSecurityHeaders()],
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
  ...exampleServers('react'),
  build: { target: 'es2022' },
})
