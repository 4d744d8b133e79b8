import { h } from 'vue'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/vue'
import { authPlugin, TryRefresh } from 'authfront/vue'
import { tryRefreshContract } from '../contract'
import type { TryRefreshContractRender } from '../contract'

afterEach(() => cleanup())

const renderVue: TryRefreshContractRender = async ({ client, props, children }) => {
  const result = render(TryRefresh, {
    props,
    slots: children === undefined ? {} : { default: () => h('p', children) },
    global: { plugins: [[authPlugin, { client }]] },
  })
  return { container: result.container as HTMLElement, unmount: () => result.unmount() }
}

describe('Vue TryRefresh', () => tryRefreshContract(renderVue))
