// The authfront sign-in page: AuthProvider + <SignInUp/> talking to the loopback backend (no session yet).
import { createRoot } from 'react-dom/client'
import { createAuthClient } from 'authfront'
import { AuthProvider, SignInUp } from 'authfront/react'
import 'authfront/styles.css'

const auth = createAuthClient({ apiDomain: location.origin })
createRoot(document.getElementById('root')!).render(
  <AuthProvider client={auth}>
    <SignInUp />
  </AuthProvider>,
)
