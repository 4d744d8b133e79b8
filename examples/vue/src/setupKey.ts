import type { InjectionKey } from 'vue'
import type { ExampleSetup } from '../../common/setup'

/** The example's setup (client, mock, counters), provided by main.ts. */
export const setupKey: InjectionKey<ExampleSetup> = Symbol('example setup')
