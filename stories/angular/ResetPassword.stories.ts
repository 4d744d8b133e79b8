import type { Meta } from '@analogjs/storybook-angular'
import { AfResetPassword } from 'authfront/angular'
import { resetPassword } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'ResetPassword', component: AfResetPassword } satisfies Meta<AfResetPassword>

export const Request = storyOf(AfResetPassword, resetPassword.Request)
export const NewPassword = storyOf(AfResetPassword, resetPassword.NewPassword)
export const InvalidToken = storyOf(AfResetPassword, resetPassword.InvalidToken)
