import type { Meta } from '@storybook/vue3-vite'
import { EmailVerification } from 'authfront/vue'
import { emailVerification } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'EmailVerification' } satisfies Meta

export const Send = storyOf(EmailVerification, emailVerification.Send)
export const Verify = storyOf(EmailVerification, emailVerification.Verify)
export const Success = storyOf(EmailVerification, emailVerification.Success)
