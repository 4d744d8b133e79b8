import type { Meta } from '@storybook/react-vite'
import { SessionAuth } from 'authfront/react'
import { sessionAuth, sessionAuthTexts } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'SessionAuth', component: SessionAuth } satisfies Meta<typeof SessionAuth>

const slots = () => ({
  children: <p data-story="children">{sessionAuthTexts.children}</p>,
  fallback: <p data-story="fallback">{sessionAuthTexts.fallback}</p>,
})

export const Loading = storyOf(SessionAuth, sessionAuth.Loading, slots)
export const SignedIn = storyOf(SessionAuth, sessionAuth.SignedIn, slots)
export const SignedOut = storyOf(SessionAuth, sessionAuth.SignedOut, slots)
export const ClaimFailure = storyOf(SessionAuth, sessionAuth.ClaimFailure, slots)
