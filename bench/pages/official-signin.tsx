// The official sign-in page: the same mount as bench/fixtures/official-auth-react.tsx, against the loopback backend
// (no session yet). The server serves it at /official/auth, so that is its websiteBasePath; the API stays on /auth
// like every other bench page.
import { mountOfficialUi } from '../fixtures/official-auth-react-mount'

mountOfficialUi('/official/auth')
