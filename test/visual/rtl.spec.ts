// The rtl column of the screenshot matrix (test/visual/screens.ts).
import { screenshotStories } from './screens'

screenshotStories('rtl')
