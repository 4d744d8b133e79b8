import { StrictMode } from 'react'
import type { ReactElement } from 'react'
import { render } from '@testing-library/react'
import { AuthProvider, EmailVerification, ResetPassword, SessionAuth, SignInUp } from 'authfront/react'
import type { ContractRender } from '../contract'

/** The React render function of the contract suites, with or without StrictMode. */
export const renderReact =
  (strict: boolean): ContractRender =>
  async ({ component, client, props, slots }) => {
    let element: ReactElement
    switch (component) {
      case 'SignInUp':
        element = <SignInUp {...props} />
        break
      case 'ResetPassword':
        element = <ResetPassword {...props} />
        break
      case 'EmailVerification':
        element = <EmailVerification {...props} />
        break
      case 'SessionAuth': {
        const withClaims = slots?.accessDeniedClaims
        element = (
          <SessionAuth
            {...props}
            fallback={slots?.fallback !== undefined ? <p>{slots.fallback}</p> : undefined}
            accessDenied={
              withClaims !== undefined ? (
                ({ invalidClaims }) => <p>{`${withClaims}: ${invalidClaims.map((claim) => claim.id).join(', ')}`}</p>
              ) : slots?.accessDenied !== undefined ? (
                <p>{slots.accessDenied}</p>
              ) : undefined
            }
          >
            {slots?.children !== undefined ? <p>{slots.children}</p> : null}
          </SessionAuth>
        )
        break
      }
    }
    const tree = <AuthProvider client={client}>{element}</AuthProvider>
    const result = render(strict ? <StrictMode>{tree}</StrictMode> : tree)
    return { container: result.container, unmount: () => result.unmount() }
  }
