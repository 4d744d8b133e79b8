import { describe } from 'vitest'
import { mfaContracts } from '../contract'
import { renderMfaAngular, useAngularCleanup } from './render'

describe('Angular second-factor screens', () => {
  useAngularCleanup()
  mfaContracts(renderMfaAngular)
})
