import { describe } from 'vitest'
import { recipeContracts } from '../contract'
import { renderRecipesAngular, useAngularCleanup } from './render'

describe('Angular recipe screens', () => {
  useAngularCleanup()
  recipeContracts(renderRecipesAngular)
})
