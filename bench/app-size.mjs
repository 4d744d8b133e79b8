// The size fixtures built the way an application ships them: one implementation, in scripts/size.mjs (which
// `npm test` checks against budgets.json); the benchmark reuses it under the names it already imports.
export { alias as distAlias, measureApp as measureAppMinified } from '../scripts/size.mjs'
