// The dark column of the screenshot matrix (test/visual/screens.ts).
import { screenshotStories } from './screens'

screenshotStories('dark')
