import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { startAppLinkQueue } from '../features/links/queue'
import { startSearch } from '../features/search'
import { App } from './App'
import { startApp } from './startup'

void startApp().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  // Background work starts after the first paint, never before it.
  requestAnimationFrame(() =>
    setTimeout(() => {
      startSearch()
      startAppLinkQueue()
    }, 0),
  )
})
