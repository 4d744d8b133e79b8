import type { Meta } from '@storybook/react-vite'
import { ThirdPartyCallback } from 'authfront/react'
import { thirdPartyCallback } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'ThirdPartyCallback', component: ThirdPartyCallback } satisfies Meta<typeof ThirdPartyCallback>

export const SigningIn = storyOf(ThirdPartyCallback, thirdPartyCallback.SigningIn)
export const Cancelled = storyOf(ThirdPartyCallback, thirdPartyCallback.Cancelled)
export const InvalidState = storyOf(ThirdPartyCallback, thirdPartyCallback.InvalidState)
