// Mounted once by the App shell: the Publications view's code (the list, the schedule form) loads the first time
// it opens, not with the window.
import { lazy, Suspense } from 'react'
import { usePublicationsView } from './viewStore'

const PublicationsView = lazy(() => import('./PublicationsView').then((m) => ({ default: m.PublicationsView })))

export function PublicationsViewHost() {
  const open = usePublicationsView()
  if (!open) return null
  return (
    <Suspense fallback={null}>
      <PublicationsView />
    </Suspense>
  )
}
