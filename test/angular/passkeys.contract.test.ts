import { describe } from 'vitest'
import { passkeyContracts } from '../contract/passkeys.contract'
import { renderPasskeysAngular, useAngularCleanup } from './render'

describe('Angular passkey screens', () => {
  useAngularCleanup()
  passkeyContracts(renderPasskeysAngular)
})
