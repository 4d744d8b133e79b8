// The official SDK (supertokens-web-js 0.16 + supertokens-website 20.1): init patches window.fetch, so the
// intercepted call is plain `fetch`. `?stub` installs the instant fetch first, so the SDK wraps that one.
import SuperTokens from 'supertokens-web-js'
import Session from 'supertokens-web-js/recipe/session'
import EmailPassword from 'supertokens-web-js/recipe/emailpassword'
import { credentials, install, isStub, stubFetch } from './harness'

if (isStub()) window.fetch = stubFetch
const events: Record<string, number> = {}
SuperTokens.init({
  appInfo: { appName: 'bench', apiDomain: location.origin, apiBasePath: '/auth' },
  recipeList: [
    Session.init({
      onHandleEvent: (event) => {
        events[event.action] = (events[event.action] ?? 0) + 1
      },
    }),
    EmailPassword.init(),
  ],
})
install({
  name: 'official',
  call: (url) => fetch(url),
  signIn: async () => {
    const result = await EmailPassword.signIn({
      formFields: [
        { id: 'email', value: credentials.email },
        { id: 'password', value: credentials.password },
      ],
    })
    return result.status
  },
  exists: () => Session.doesSessionExist(),
  refresh: () => Session.attemptRefreshingSession(),
  events,
})
