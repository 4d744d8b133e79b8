import type { Meta } from '@analogjs/storybook-angular'
import { AfAuthPage, AfMfaSettings } from 'authfront/angular'
import { mfa, mfaSettings } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'Second factors', component: AfAuthPage } satisfies Meta<AfAuthPage>

export const Chooser = storyOf(AfAuthPage, mfa.Chooser)
export const TotpSetup = storyOf(AfAuthPage, mfa.TotpSetup)
export const TotpVerify = storyOf(AfAuthPage, mfa.TotpVerify)
export const WrongCode = storyOf(AfAuthPage, mfa.WrongCode)
export const LockedOut = storyOf(AfAuthPage, mfa.LockedOut)
export const EmailCode = storyOf(AfAuthPage, mfa.EmailCode)
export const SettingsDevices = storyOf(AfMfaSettings, mfaSettings.Devices)
export const SettingsAdd = storyOf(AfMfaSettings, mfaSettings.Add)
