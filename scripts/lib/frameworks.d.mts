export interface Framework {
  name: 'react' | 'vue' | 'angular'
  example: string
  entry: string
  devPort: number
  previewPort: number
  storybook: string
}
export declare const FRAMEWORKS: Framework[]
export declare function framework(name: string): Framework
