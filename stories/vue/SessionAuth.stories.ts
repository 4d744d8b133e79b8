import { h } from 'vue'
import type { Meta } from '@storybook/vue3-vite'
import { SessionAuth } from 'authfront/vue'
import { sessionAuth, sessionAuthTexts } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'SessionAuth' } satisfies Meta

const slots = () => ({
  default: () => [h('p', { 'data-story': 'children' }, sessionAuthTexts.children)],
  fallback: () => [h('p', { 'data-story': 'fallback' }, sessionAuthTexts.fallback)],
})

export const Loading = storyOf(SessionAuth, sessionAuth.Loading, slots)
export const SignedIn = storyOf(SessionAuth, sessionAuth.SignedIn, slots)
export const SignedOut = storyOf(SessionAuth, sessionAuth.SignedOut, slots)
export const ClaimFailure = storyOf(SessionAuth, sessionAuth.ClaimFailure, slots)
