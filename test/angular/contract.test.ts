import { describe } from 'vitest'
import { runContracts } from '../contract'
import { renderAngular, useAngularCleanup } from './render'

describe('Angular bindings', () => {
  useAngularCleanup()
  runContracts(renderAngular)
})
