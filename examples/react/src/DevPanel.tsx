import { useEffect, useState } from 'react'
import { requireTotp, watchTotpCode } from '../../common/devTools'
import type { TotpCodeLine } from '../../common/devTools'
import type { ExampleSetup } from '../../common/setup'
import { outboxLabel, texts, toLocalPath, totpCodeText } from '../../common/texts'
import { Link, navigate } from './router'

/** Shows what the mock backend "sent", so the email links can be followed without a mail server. */
export function DevPanel({ setup }: { setup: ExampleSetup }) {
  const { mock } = setup
  const [emails, setEmails] = useState(() => mock?.outbox.list() ?? [])
  // The new email comes with the notification: reading the outbox here would run while the mock is still answering.
  useEffect(() => mock?.outbox.subscribe((email) => setEmails((list) => [...list, email])), [mock])
  const [isTotpRequired, setTotpRequired] = useState(() => requireTotp.get())
  const [totp, setTotp] = useState<TotpCodeLine>({ kind: 'signedOut' })
  useEffect(() => (mock ? watchTotpCode(setup.auth, mock, setTotp) : undefined), [setup.auth, mock])

  if (!mock) {
    return (
      <aside className="ex-dev" aria-label={texts.devHeading}>
        <p>
          {texts.devRealBackend} {setup.apiDomain}
        </p>
      </aside>
    )
  }
  const reset = async () => {
    mock.reset()
    requireTotp.set(mock, false)
    setTotpRequired(false)
    setEmails([])
    await setup.auth.session.signOut().catch(() => undefined)
    navigate('/auth')
  }
  return (
    <aside className="ex-dev" aria-labelledby="ex-dev-heading">
      <h2 id="ex-dev-heading">{texts.devHeading}</h2>
      <h3>{texts.outboxHeading}</h3>
      {emails.length === 0 ? (
        <p data-ex="outbox-empty">{texts.outboxEmpty}</p>
      ) : (
        <ul data-ex="outbox">
          {[...emails].reverse().map((email) => (
            <li key={email.id}>
              <Link href={toLocalPath(email.link)}>{outboxLabel(email)}</Link>
            </li>
          ))}
        </ul>
      )}
      <h3>{texts.mfaHeading}</h3>
      <p>
        <label>
          <input
            type="checkbox"
            data-ex="require-totp"
            checked={isTotpRequired}
            onChange={(event) => {
              requireTotp.set(mock, event.target.checked)
              setTotpRequired(event.target.checked)
            }}
          />{' '}
          {texts.requireTotp}
        </label>
      </p>
      <p data-ex="totp">
        {totpCodeText(totp)} {totp.kind === 'code' && <code data-ex="totp-code">{totp.code}</code>}
      </p>
      <h3>{texts.tenantHeading}</h3>
      <ul data-ex="tenants">
        <li>
          <Link href="/auth">{texts.tenantPublic}</Link>
        </li>
        <li>
          <Link href="/auth?tenantId=acme">{texts.tenantAcme}</Link>
        </li>
      </ul>
      <p>
        <button type="button" className="ex-button" onClick={() => void reset()}>
          {texts.resetDemo}
        </button>
      </p>
    </aside>
  )
}
