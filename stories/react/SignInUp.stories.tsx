import type { Meta } from '@storybook/react-vite'
import { SignInUp } from 'authfront/react'
import { signInUp } from '../shared/scenarios'
import { storyOf } from './story'

export default { title: 'SignInUp', component: SignInUp } satisfies Meta<typeof SignInUp>

export const Default = storyOf(SignInUp, signInUp.Default)
export const SignUp = storyOf(SignInUp, signInUp.SignUp)
export const FieldErrors = storyOf(SignInUp, signInUp.FieldErrors)
export const WrongPassword = storyOf(SignInUp, signInUp.WrongPassword)
export const NetworkDown = storyOf(SignInUp, signInUp.NetworkDown)
export const Slow = storyOf(SignInUp, signInUp.Slow)
