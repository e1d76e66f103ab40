// The publishing dialogs, mounted once by the App shell; their code (the publishing core, twitter-text) loads
// the first time one opens, not with the app.
import { lazy, Suspense } from 'react'
import { closePublishingDialog, usePublishingDialog } from './dialogStore'

const PublishDialog = lazy(() => import('./PublishDialog').then((m) => ({ default: m.PublishDialog })))
const VariantsDialog = lazy(() => import('./VariantsDialog').then((m) => ({ default: m.VariantsDialog })))

export function PublishingDialogs() {
  const open = usePublishingDialog()
  if (!open) return null
  return (
    <Suspense fallback={null}>
      {open.kind === 'publish' ? (
        <PublishDialog key={open.itemId} itemId={open.itemId} onClose={closePublishingDialog} />
      ) : (
        <VariantsDialog key={`${open.itemId}:${open.channel ?? ''}`} itemId={open.itemId} focusChannel={open.channel} onClose={closePublishingDialog} />
      )}
    </Suspense>
  )
}
