import type { Meta } from '@storybook/react-vite'
import { MagicLinkLanding } from 'authfront/react'
import { magicLink } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'MagicLinkLanding', component: MagicLinkLanding } satisfies Meta<typeof MagicLinkLanding>

export const OtherDevice = storyOf(MagicLinkLanding, magicLink.OtherDevice)
export const InvalidLink = storyOf(MagicLinkLanding, magicLink.InvalidLink)
