import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import { useAuthClient, useSession } from 'authfront/react'
import type { ExampleSetup } from '../../common/setup'
import { describeApiAnswer, formatExpiry, texts } from '../../common/texts'
import { Link } from './router'

type Answer = { state: 'loading' } | { state: 'ok'; text: string } | { state: 'error'; text: string }

/** The protected page: calls the demo API through `doFetch` and shows the session's refreshes. */
export function Home({ setup }: { setup: ExampleSetup }) {
  const auth = useAuthClient()
  const session = useSession()
  const refreshes = useSyncExternalStore(setup.refreshes.subscribe, setup.refreshes.get)
  const [answer, setAnswer] = useState<Answer>({ state: 'loading' })

  const callApi = useCallback(async () => {
    setAnswer({ state: 'loading' })
    try {
      const response = await auth.doFetch(setup.protectedUrl)
      if (!response.ok) throw new Error(`The API answered ${response.status}.`)
      setAnswer({ state: 'ok', text: describeApiAnswer(await response.json()) })
    } catch (error) {
      setAnswer({ state: 'error', text: error instanceof Error ? error.message : String(error) })
    }
  }, [auth, setup.protectedUrl])

  useEffect(() => {
    void callApi()
  }, [callApi])

  return (
    <>
      <h1>{texts.accountHeading}</h1>
      <dl className="ex-facts">
        <dt>{texts.userIdLabel}</dt>
        <dd data-ex="user-id">{session.userId ?? '–'}</dd>
        <dt>{texts.expiryLabel}</dt>
        <dd data-ex="expiry">{formatExpiry(session.accessTokenPayload)}</dd>
        <dt>{texts.refreshesLabel}</dt>
        <dd data-ex="refreshes">{refreshes}</dd>
      </dl>
      <h2>{texts.apiHeading}</h2>
      <p role="status" data-ex="api-answer" className={answer.state === 'error' ? 'ex-error' : 'ex-answer'}>
        {answer.state === 'loading' ? texts.apiCalling : answer.text}
      </p>
      <p>
        <Link href="/account">{texts.securityLink}</Link>
      </p>
      <div className="ex-actions">
        <button type="button" className="ex-button" onClick={() => void callApi()}>
          {texts.callAgain}
        </button>
        <button type="button" className="ex-button" onClick={() => void auth.session.signOut()}>
          {texts.signOut}
        </button>
      </div>
    </>
  )
}
