/**
 * The package `exports` map resolves `authfront/mock/browser` to this module in Node and `authfront/mock/node` to it
 * in browser bundles, so the mistake fails at import with a message that names the fix.
 */
const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined'
const message = inBrowser
  ? 'authfront/mock/node is for Node; in a browser use authfront/mock/browser (startMockBackend).'
  : 'authfront/mock/browser is for browsers; in Node use authfront/mock/node (setupMockServer).'

throw new Error(message)

// The names of both real entries, so bundlers resolve the imports and the error above is what the developer sees.
export function setupMockServer(): never {
  throw new Error(message)
}
export function startMockBackend(): never {
  throw new Error(message)
}
