import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AuthProvider } from 'authfront/react'
import 'authfront/styles.css'
import '../../common/example.css'
import { setUpExample } from '../../common/setup'
import { App } from './App'

const setup = await setUpExample()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider client={setup.auth}>
      <App setup={setup} />
    </AuthProvider>
  </StrictMode>,
)
