import { afterEach, describe } from 'vitest'
import { cleanup } from '@testing-library/react'
import { runContracts } from '../contract'
import { renderReact } from './renderReact'

afterEach(() => cleanup())

describe('React bindings', () => runContracts(renderReact(false)))
