// Plain fetch (no SDK): the baseline of the per-request overhead.
import { install, isStub, stubFetch } from './harness'

install({
  name: 'plain',
  call: isStub() ? (url) => stubFetch(url) : (url) => fetch(url),
  signIn: () => Promise.resolve('n/a'),
  exists: () => Promise.resolve(false),
  refresh: () => Promise.resolve(),
  events: {},
})
