import type { Meta } from '@analogjs/storybook-angular'
import { AfSignInUp } from 'authfront/angular'
import { signInUp } from '../shared/scenarios'
import { storyOf } from './story'

export default { title: 'SignInUp', component: AfSignInUp } satisfies Meta<AfSignInUp>

export const Default = storyOf(AfSignInUp, signInUp.Default)
export const SignUp = storyOf(AfSignInUp, signInUp.SignUp)
export const FieldErrors = storyOf(AfSignInUp, signInUp.FieldErrors)
export const WrongPassword = storyOf(AfSignInUp, signInUp.WrongPassword)
export const NetworkDown = storyOf(AfSignInUp, signInUp.NetworkDown)
export const Slow = storyOf(AfSignInUp, signInUp.Slow)
