import type { Meta } from '@storybook/vue3-vite'
import { ResetPassword } from 'authfront/vue'
import { resetPassword } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'ResetPassword' } satisfies Meta

export const Request = storyOf(ResetPassword, resetPassword.Request)
export const NewPassword = storyOf(ResetPassword, resetPassword.NewPassword)
export const InvalidToken = storyOf(ResetPassword, resetPassword.InvalidToken)
