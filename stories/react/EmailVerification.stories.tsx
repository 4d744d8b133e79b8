import type { Meta } from '@storybook/react-vite'
import { EmailVerification } from 'authfront/react'
import { emailVerification } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'EmailVerification', component: EmailVerification } satisfies Meta<typeof EmailVerification>

export const Send = storyOf(EmailVerification, emailVerification.Send)
export const Verify = storyOf(EmailVerification, emailVerification.Verify)
export const Success = storyOf(EmailVerification, emailVerification.Success)
