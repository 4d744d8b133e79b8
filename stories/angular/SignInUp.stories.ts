import type { Meta } from '@analogjs/storybook-angular'
import { AfSignInUp } from 'authfront/angular'
import { loginMethods, signInUp } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'SignInUp', component: AfSignInUp } satisfies Meta<AfSignInUp>

export const Default = storyOf(AfSignInUp, signInUp.Default)
export const SignUp = storyOf(AfSignInUp, signInUp.SignUp)
export const FieldErrors = storyOf(AfSignInUp, signInUp.FieldErrors)
export const WrongPassword = storyOf(AfSignInUp, signInUp.WrongPassword)
export const NetworkDown = storyOf(AfSignInUp, signInUp.NetworkDown)
export const Slow = storyOf(AfSignInUp, signInUp.Slow)
export const EveryMethod = storyOf(AfSignInUp, loginMethods.EveryMethod)
export const TenantMethods = storyOf(AfSignInUp, loginMethods.TenantMethods)
export const ProviderError = storyOf(AfSignInUp, loginMethods.ProviderError)
export const Code = storyOf(AfSignInUp, loginMethods.Code)
export const WrongCode = storyOf(AfSignInUp, loginMethods.WrongCode)
export const LinkSent = storyOf(AfSignInUp, loginMethods.LinkSent)
