import type { Meta } from '@analogjs/storybook-angular'
import { AfMagicLinkLanding } from 'authfront/angular'
import { magicLink } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'MagicLinkLanding', component: AfMagicLinkLanding } satisfies Meta<AfMagicLinkLanding>

export const OtherDevice = storyOf(AfMagicLinkLanding, magicLink.OtherDevice)
export const InvalidLink = storyOf(AfMagicLinkLanding, magicLink.InvalidLink)
