import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { getDb } from '../db'
import { preloadEditor } from '../features/library/DetailPane'
import { prefetchKindWindows } from '../features/library/prefetch'
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
      preloadEditor()
      void prefetchKindWindows(getDb()).catch(() => undefined)
      startSearch()
      startAppLinkQueue()
    }, 0),
  )
})
