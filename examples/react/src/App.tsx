import { AuthPage, SessionAuth } from 'authfront/react'
import type { ExampleSetup } from '../../common/setup'
import { texts } from '../../common/texts'
import { Account } from './Account'
import { DevPanel } from './DevPanel'
import { Home } from './Home'
import { Link, navigate, useLocation } from './router'

export function App({ setup }: { setup: ExampleSetup }) {
  const { pathname, href } = useLocation()
  return (
    <>
      <header className="ex-header">
        <h1 className="ex-brand">
          <Link href="/">{texts.appName}</Link>
        </h1>
        <span className="ex-framework">React</span>
      </header>
      <div className="ex-layout">
        <main className={pathname.startsWith('/auth') ? 'ex-main' : 'ex-main ex-card'}>
          {/* The screens read the URL once when created: a new key per URL starts them afresh. */}
          <Page key={href} pathname={pathname} setup={setup} />
        </main>
        <DevPanel setup={setup} />
      </div>
    </>
  )
}

function Page({ pathname, setup }: { pathname: string; setup: ExampleSetup }) {
  // Every screen under /auth (sign-in with every method, provider callback, magic link, reset, verification);
  // `dynamic`: the methods of the tenant in `?tenantId=`.
  if (pathname === '/auth' || pathname.startsWith('/auth/')) {
    return <AuthPage pathname={pathname} navigate={navigate} loginMethods="dynamic" />
  }
  switch (pathname.replace(/\/+$/, '') || '/') {
    case '/':
      return (
        <SessionAuth navigate={navigate} fallback={<p>{texts.loading}</p>}>
          <Home setup={setup} />
        </SessionAuth>
      )
    case '/account':
      return (
        <SessionAuth navigate={navigate} fallback={<p>{texts.loading}</p>}>
          <Account setup={setup} />
        </SessionAuth>
      )
    default:
      return (
        <>
          <h1>{texts.notFoundHeading}</h1>
          <Link href="/">{texts.home}</Link>
        </>
      )
  }
}
