import type { Meta } from '@analogjs/storybook-angular'
import { AfEmailVerification } from 'authfront/angular'
import { emailVerification } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'EmailVerification', component: AfEmailVerification } satisfies Meta<AfEmailVerification>

export const Send = storyOf(AfEmailVerification, emailVerification.Send)
export const Verify = storyOf(AfEmailVerification, emailVerification.Verify)
export const Success = storyOf(AfEmailVerification, emailVerification.Success)
