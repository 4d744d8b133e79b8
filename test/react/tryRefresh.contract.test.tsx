import { StrictMode } from 'react'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/react'
import { AuthProvider, TryRefresh } from 'authfront/react'
import { tryRefreshContract } from '../contract'
import type { TryRefreshContractRender } from '../contract'

afterEach(() => cleanup())

const renderTryRefresh =
  (strict: boolean): TryRefreshContractRender =>
  async ({ client, props, children }) => {
    const tree = (
      <AuthProvider client={client}>
        <TryRefresh {...props}>{children !== undefined ? <p>{children}</p> : null}</TryRefresh>
      </AuthProvider>
    )
    const result = render(strict ? <StrictMode>{tree}</StrictMode> : tree)
    return { container: result.container, unmount: () => result.unmount() }
  }

describe('React TryRefresh', () => tryRefreshContract(renderTryRefresh(false)))
describe('React TryRefresh in StrictMode', () => tryRefreshContract(renderTryRefresh(true)))
