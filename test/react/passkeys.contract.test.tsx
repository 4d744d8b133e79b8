import { StrictMode } from 'react'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/react'
import { AuthPage, AuthProvider, PasskeySettings, SignInUp } from 'authfront/react'
import { passkeyContracts } from '../contract/passkeys.contract'
import type { PasskeyContractRender } from '../contract/passkeys.contract'

afterEach(() => cleanup())

const components = { SignInUp, AuthPage, PasskeySettings }

const renderPasskeys =
  (strict: boolean): PasskeyContractRender =>
  async ({ component, client, props }) => {
    const Screen = components[component] as (props: Record<string, unknown>) => React.ReactNode
    const tree = (
      <AuthProvider client={client}>
        <Screen {...props} />
      </AuthProvider>
    )
    const result = render(strict ? <StrictMode>{tree}</StrictMode> : tree)
    return { container: result.container, unmount: () => result.unmount() }
  }

describe('React passkey screens', () => passkeyContracts(renderPasskeys(false)))
describe('React passkey screens (StrictMode)', () => passkeyContracts(renderPasskeys(true), { markup: false }))
