import type { Meta } from '@storybook/vue3-vite'
import { ThirdPartyCallback } from 'authfront/vue'
import { thirdPartyCallback } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'ThirdPartyCallback' } satisfies Meta

export const SigningIn = storyOf(ThirdPartyCallback, thirdPartyCallback.SigningIn)
export const Cancelled = storyOf(ThirdPartyCallback, thirdPartyCallback.Cancelled)
export const InvalidState = storyOf(ThirdPartyCallback, thirdPartyCallback.InvalidState)
