import type { Meta } from '@storybook/vue3-vite'
import { SignInUp } from 'authfront/vue'
import { loginMethods, signInUp } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'SignInUp' } satisfies Meta

export const Default = storyOf(SignInUp, signInUp.Default)
export const SignUp = storyOf(SignInUp, signInUp.SignUp)
export const FieldErrors = storyOf(SignInUp, signInUp.FieldErrors)
export const WrongPassword = storyOf(SignInUp, signInUp.WrongPassword)
export const NetworkDown = storyOf(SignInUp, signInUp.NetworkDown)
export const Slow = storyOf(SignInUp, signInUp.Slow)
export const EveryMethod = storyOf(SignInUp, loginMethods.EveryMethod)
export const TenantMethods = storyOf(SignInUp, loginMethods.TenantMethods)
export const ProviderError = storyOf(SignInUp, loginMethods.ProviderError)
export const Code = storyOf(SignInUp, loginMethods.Code)
export const WrongCode = storyOf(SignInUp, loginMethods.WrongCode)
export const LinkSent = storyOf(SignInUp, loginMethods.LinkSent)
