import { describe } from 'vitest'
import { tryRefreshContract } from '../contract'
import { renderTryRefreshAngular, useAngularCleanup } from './render'

describe('Angular <af-try-refresh>', () => {
  useAngularCleanup()
  tryRefreshContract(renderTryRefreshAngular)
})
