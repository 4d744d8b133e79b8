import type { Meta } from '@analogjs/storybook-angular'
import { AfSessionAuth } from 'authfront/angular'
import { sessionAuth, sessionAuthTexts } from '../common/scenarios'
import { storyOf } from './story'

export default { title: 'SessionAuth', component: AfSessionAuth } satisfies Meta<AfSessionAuth>

// The protected content, and the `af-fallback` content shown while the session is checked.
const slots =
  `<p data-story="children">${sessionAuthTexts.children}</p>` +
  `<p af-fallback data-story="fallback">${sessionAuthTexts.fallback}</p>`

export const Loading = storyOf(AfSessionAuth, sessionAuth.Loading, slots)
export const SignedIn = storyOf(AfSessionAuth, sessionAuth.SignedIn, slots)
export const SignedOut = storyOf(AfSessionAuth, sessionAuth.SignedOut, slots)
export const ClaimFailure = storyOf(AfSessionAuth, sessionAuth.ClaimFailure, slots)
