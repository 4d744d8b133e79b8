export interface Story {
  /** Storybook's id, e.g. `signinup--field-errors`. */
  id: string
  title: string
  name: string
}
export interface Variant {
  name: 'light' | 'dark' | 'rtl' | 'phone'
  label: string
  theme: 'light' | 'dark'
  dir: 'ltr' | 'rtl'
  width: number
}
export declare const ROOT: string
export declare const STORIES_DIR: string
export declare const BASELINES_DIR: string
export declare const GALLERY: string
export declare const VARIANTS: Variant[]
export declare function listStories(): Story[]
export declare function baselineName(story: Story, variant: Variant): string
export declare function renderGallery(stories?: Story[]): string
