import type { Plugin } from 'vite'
import { framework } from '../../scripts/lib/frameworks.mjs'

/**
 * The strict policy the production preview sends on every response: no 'unsafe-inline', no 'unsafe-eval'.
 * test/csp/csp.spec.ts proves each example's build runs under it without a single violation.
 */
export const CSP_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The dev server and the production preview of one example, on the ports of scripts/lib/frameworks.mjs. */
export function exampleServers(name: 'react' | 'vue' | 'angular') {
  const { devPort, previewPort } = framework(name)
  return {
    server: {
      host: '127.0.0.1',
      port: devPort,
      strictPort: true,
      // The end-to-end run turns off file watching and hot reload: an edit elsewhere in the repo must not reload a
      // page in the middle of a test.
      ...(process.env['AUTHFRONT_E2E'] ? { hmr: false as const, watch: null } : {}),
    },
    preview: { host: '127.0.0.1', port: previewPort, strictPort: true },
  }
}

/**
 * Sends the policy on every response of `vite preview`, 404s included: the `preview.headers` option skips the
 * responses Vite's own not-found handler writes.
 */
export function previewSecurityHeaders(): Plugin {
  const headers = {
    'Content-Security-Policy': CSP_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  }
  return {
    name: 'authfront-example-preview-headers',
    configurePreviewServer(server) {
      server.middlewares.use((_request, response, next) => {
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value)
        next()
      })
    },
  }
}
