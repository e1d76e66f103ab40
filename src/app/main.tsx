import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { startBackgroundWork } from './background'
import { showOpeningNoticeIfSlow } from './openingNotice'
import { startApp } from './startup'

const root = document.getElementById('root')!
const started = startApp()
// A first start after an update may have the database build a new index before it opens: say so meanwhile.
showOpeningNoticeIfSlow(root, started)
void started.then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  startBackgroundWork()
})
