import { useEffect, useState } from 'react'
import { MfaSettings, PasskeySettings, useAuthClient } from 'authfront/react'
import { fetchAccountEmail } from '../../common/devTools'
import type { ExampleSetup } from '../../common/setup'
import { texts } from '../../common/texts'
import { Link, navigate } from './router'

/** The account page: the signed-in user's authenticator apps and passkeys. */
export function Account({ setup }: { setup: ExampleSetup }) {
  const auth = useAuthClient()
  // A passkey is created for an email, and the settings read their props once: they start when the email is known.
  const [account, setAccount] = useState<{ email: string | undefined }>()
  useEffect(() => {
    let isCurrent = true
    void fetchAccountEmail(auth, setup.protectedUrl).then((email) => isCurrent && setAccount({ email }))
    return () => {
      isCurrent = false
    }
  }, [auth, setup.protectedUrl])

  return (
    <>
      <h1>{texts.securityHeading}</h1>
      <p>
        <Link href="/">{texts.home}</Link>
      </p>
      <div className="ex-settings">
        <MfaSettings navigate={navigate} />
        {setup.hasPasskeys && (account ? <PasskeySettings email={account.email} /> : <p>{texts.loading}</p>)}
      </div>
    </>
  )
}
