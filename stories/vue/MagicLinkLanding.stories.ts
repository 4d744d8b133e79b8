import type { Meta } from '@storybook/vue3-vite'
import { MagicLinkLanding } from 'authfront/vue'
import { magicLink } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'MagicLinkLanding' } satisfies Meta

export const OtherDevice = storyOf(MagicLinkLanding, magicLink.OtherDevice)
export const InvalidLink = storyOf(MagicLinkLanding, magicLink.InvalidLink)
