// The official sign-in page: supertokens-auth-react's prebuilt UI, mounted as bench/fixtures/official-auth-react.tsx
// does it (router-less), against the loopback backend (no session yet). The server serves it at /official/auth, so
// that is its websiteBasePath; the API stays on /auth like every other bench page.
import { createRoot } from 'react-dom/client'
import SuperTokens, { SuperTokensWrapper } from 'supertokens-auth-react'
import EmailPassword from 'supertokens-auth-react/recipe/emailpassword'
import Session, { SessionAuth } from 'supertokens-auth-react/recipe/session'
import { EmailPasswordPreBuiltUI } from 'supertokens-auth-react/recipe/emailpassword/prebuiltui'
import { canHandleRoute, getRoutingComponent } from 'supertokens-auth-react/ui'

SuperTokens.init({
  appInfo: {
    appName: 'bench',
    apiDomain: location.origin,
    websiteDomain: location.origin,
    apiBasePath: '/auth',
    websiteBasePath: '/official/auth',
  },
  recipeList: [EmailPassword.init(), Session.init()],
})
const prebuilt = [EmailPasswordPreBuiltUI]
createRoot(document.getElementById('root')!).render(
  <SuperTokensWrapper>
    {canHandleRoute(prebuilt) ? getRoutingComponent(prebuilt) : <SessionAuth>signed in</SessionAuth>}
  </SuperTokensWrapper>,
)
