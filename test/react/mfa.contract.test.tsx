import { StrictMode } from 'react'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/react'
import { AuthPage, AuthProvider, MfaSettings } from 'authfront/react'
import { mfaContracts } from '../contract'
import type { MfaContractRender } from '../contract'

afterEach(() => cleanup())

const components = { AuthPage, MfaSettings }

/** The React render function of the second-factor contract suite, with or without StrictMode. */
const renderMfa =
  (strict: boolean): MfaContractRender =>
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

describe('React second-factor screens', () => mfaContracts(renderMfa(false)))
describe('React second-factor screens (StrictMode)', () => mfaContracts(renderMfa(true), { markup: false }))
