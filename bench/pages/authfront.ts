// authfront: createAuthClient + doFetch. `?stub` swaps the platform fetch for one that answers at once.
import { createAuthClient } from 'authfront'
import { credentials, install, isStub, stubFetch } from './harness'

const events: Record<string, number> = {}
const auth = createAuthClient({
  apiDomain: location.origin,
  platform: isStub() ? { fetch: stubFetch } : {},
  onEvent: (event) => {
    events[event.type] = (events[event.type] ?? 0) + 1
  },
})
auth.mount()
install({
  name: 'authfront',
  call: (url) => auth.doFetch(url),
  signIn: async () => (await auth.emailPassword.signIn(credentials)).status,
  exists: () => auth.session.exists(),
  refresh: () => auth.session.refresh(),
  events,
})
