import type { Meta } from '@storybook/react-vite'
import { AuthPage, PasskeySettings, SignInUp } from 'authfront/react'
import { passkeys } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'Passkeys' } satisfies Meta

export const Button = storyOf(SignInUp, passkeys.Button)
export const Unsupported = storyOf(SignInUp, passkeys.Unsupported)
export const Refused = storyOf(SignInUp, passkeys.Refused)
export const SignUpEmail = storyOf(SignInUp, passkeys.SignUpEmail)
export const SignUpConfirm = storyOf(SignInUp, passkeys.SignUpConfirm)
export const SignUpTaken = storyOf(SignInUp, passkeys.SignUpTaken)
export const RecoverySend = storyOf(AuthPage, passkeys.RecoverySend)
export const RecoverySent = storyOf(AuthPage, passkeys.RecoverySent)
export const RecoveryLink = storyOf(AuthPage, passkeys.RecoveryLink)
export const RecoveryDone = storyOf(AuthPage, passkeys.RecoveryDone)
export const RecoveryInvalid = storyOf(AuthPage, passkeys.RecoveryInvalid)
export const Settings = storyOf(PasskeySettings, passkeys.Settings)
export const SettingsConfirm = storyOf(PasskeySettings, passkeys.SettingsConfirm)
export const SettingsError = storyOf(PasskeySettings, passkeys.SettingsError)
