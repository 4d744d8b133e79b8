// Baseline of the first-render benchmark: React renders a tiny page.
import { createRoot } from 'react-dom/client'

createRoot(document.getElementById('root')!).render(<main>empty</main>)
