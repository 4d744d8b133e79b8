import type { Meta } from '@storybook/react-vite'
import { ResetPassword } from 'authfront/react'
import { resetPassword } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'ResetPassword', component: ResetPassword } satisfies Meta<typeof ResetPassword>

export const Request = storyOf(ResetPassword, resetPassword.Request)
export const NewPassword = storyOf(ResetPassword, resetPassword.NewPassword)
export const InvalidToken = storyOf(ResetPassword, resetPassword.InvalidToken)
