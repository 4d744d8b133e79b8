// The Analog plugin compiles components ahead of time; the compiler is still needed at runtime for TestBed's
// partially compiled dependencies (e.g. @angular/common/http).
import '@angular/compiler'
import { webcrypto } from 'node:crypto'
import * as webStreams from 'node:stream/web'
import { setupTestBed } from '@analogjs/vitest-angular/setup-testbed'

// Vitest's jsdom environment hides Node's web streams, which msw (and fetch bodies) need.
for (const name of ['ReadableStream', 'WritableStream', 'TransformStream'] as const) {
  if (!(name in globalThis)) Object.assign(globalThis, { [name]: webStreams[name] })
}

// Here the jsdom environment's `crypto` has no `subtle`; the mock checks TOTP codes with Web Crypto (HMAC-SHA1).
if (globalThis.crypto?.subtle === undefined) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true })
}

// Zoneless, the Angular 21 default. setupTestBed also registers the TestBed reset after each test, which Vitest
// would only do by itself with `globals: true`. Files in the node environment (server rendering) get no browser
// test platform: it would install the browser DOM adapter where platform-server needs its own.
if (typeof document !== 'undefined') setupTestBed()
