import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { getDb } from '../db'
import { preloadEditor } from '../features/library/DetailPane'
import { prefetchKindWindows } from '../features/library/prefetch'
import { startAppLinkQueue } from '../features/links/queue'
import { whenSearchComplete } from '../features/search'
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
      // Looking for links to complete reads every link: after search has loaded its index, not meanwhile.
      void whenSearchComplete().then(() => startAppLinkQueue())
    }, 0),
  )
})
