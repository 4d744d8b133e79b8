// Baseline of the first-render benchmark: a plain React sign-in form (no SDK, no network).
import { createRoot } from 'react-dom/client'

function Form() {
  return (
    <form onSubmit={(event) => event.preventDefault()}>
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="email" />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" />
      <button type="submit">Sign in</button>
    </form>
  )
}
createRoot(document.getElementById('root')!).render(<Form />)
