import type { Meta } from '@analogjs/storybook-angular'
import { AfThirdPartyCallback } from 'authfront/angular'
import { thirdPartyCallback } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'ThirdPartyCallback', component: AfThirdPartyCallback } satisfies Meta<AfThirdPartyCallback>

export const SigningIn = storyOf(AfThirdPartyCallback, thirdPartyCallback.SigningIn)
export const Cancelled = storyOf(AfThirdPartyCallback, thirdPartyCallback.Cancelled)
export const InvalidState = storyOf(AfThirdPartyCallback, thirdPartyCallback.InvalidState)
