import { StrictMode } from 'react'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/react'
import { AuthPage, AuthProvider, MagicLinkLanding, SignInUp, ThirdPartyCallback } from 'authfront/react'
import { recipeContracts } from '../contract'
import type { RecipeContractRender } from '../contract'

afterEach(() => cleanup())

const components = { SignInUp, ThirdPartyCallback, MagicLinkLanding, AuthPage }

/** The React render function of the recipe contract suite, with or without StrictMode. */
const renderRecipes =
  (strict: boolean): RecipeContractRender =>
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

describe('React recipe screens', () => recipeContracts(renderRecipes(false)))
describe('React recipe screens (StrictMode)', () => recipeContracts(renderRecipes(true), { markup: false }))
