import type { Meta } from '@analogjs/storybook-angular'
import { AfAuthPage, AfPasskeySettings, AfSignInUp } from 'authfront/angular'
import { passkeys } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'Passkeys' } satisfies Meta

export const Button = storyOf(AfSignInUp, passkeys.Button)
export const Unsupported = storyOf(AfSignInUp, passkeys.Unsupported)
export const Refused = storyOf(AfSignInUp, passkeys.Refused)
export const SignUpEmail = storyOf(AfSignInUp, passkeys.SignUpEmail)
export const SignUpConfirm = storyOf(AfSignInUp, passkeys.SignUpConfirm)
export const SignUpTaken = storyOf(AfSignInUp, passkeys.SignUpTaken)
export const RecoverySend = storyOf(AfAuthPage, passkeys.RecoverySend)
export const RecoverySent = storyOf(AfAuthPage, passkeys.RecoverySent)
export const RecoveryLink = storyOf(AfAuthPage, passkeys.RecoveryLink)
export const RecoveryDone = storyOf(AfAuthPage, passkeys.RecoveryDone)
export const RecoveryInvalid = storyOf(AfAuthPage, passkeys.RecoveryInvalid)
export const Settings = storyOf(AfPasskeySettings, passkeys.Settings)
export const SettingsConfirm = storyOf(AfPasskeySettings, passkeys.SettingsConfirm)
export const SettingsError = storyOf(AfPasskeySettings, passkeys.SettingsError)
