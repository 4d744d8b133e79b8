import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { repo, sourceAliases } from '../common/aliases'
import { exampleServers, previewSecurityHeaders } from '../common/servers'
import angular from '@analogjs/vite-plugin-angular'

const alias = sourceAliases('angular')

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: repo('public'),
  // Ahead-of-time compilation of the example and of the library's Angular components, like an Angular CLI app.
  plugins: [
    angular({ tsconfig: fileURLToPath(new URL('./tsconfig.app.json', import.meta.url)) }),
    previewSecurityHeaders(),
  ],
  resolve: { alias },
  // Its own optimizer cache, so the three examples (and the test runners) never invalidate each other's, and every
  // dependency listed, so no late discovery reloads the page in the middle of a test.
  cacheDir: repo('node_modules/.vite/example-angular'),
  optimizeDeps: {
    include: [
      '@angular/core',
      '@angular/core/rxjs-interop',
      '@angular/common',
      '@angular/common/http',
      '@angular/platform-browser',
      '@angular/router',
      'rxjs',
      'msw',
      'msw/browser',
      'zustand/vanilla',
    ],
  },
  ...exampleServers('angular'),
  build: { target: 'es2022' },
})
