import type { Meta } from '@storybook/vue3-vite'
import { AuthPage, MfaSettings } from 'authfront/vue'
import { mfa, mfaSettings } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'Second factors' } satisfies Meta

export const Chooser = storyOf(AuthPage, mfa.Chooser)
export const TotpSetup = storyOf(AuthPage, mfa.TotpSetup)
export const TotpVerify = storyOf(AuthPage, mfa.TotpVerify)
export const WrongCode = storyOf(AuthPage, mfa.WrongCode)
export const LockedOut = storyOf(AuthPage, mfa.LockedOut)
export const EmailCode = storyOf(AuthPage, mfa.EmailCode)
export const SettingsDevices = storyOf(MfaSettings, mfaSettings.Devices)
export const SettingsAdd = storyOf(MfaSettings, mfaSettings.Add)
