import { InjectionToken } from '@angular/core'
import type { ExampleSetup } from '../../common/setup'

/** The example's setup (client, mock, counters), provided by main.ts. */
export const EXAMPLE_SETUP = new InjectionToken<ExampleSetup>('example setup')
