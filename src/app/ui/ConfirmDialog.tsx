// "Are you sure?" for actions that cannot be undone (delete forever, empty Trash).
import { useTranslation } from 'react-i18next'
import { Dialog } from './Dialog'

export interface ConfirmRequest {
  title: string
  message: string
  confirmLabel: string
  onConfirm(): void | Promise<void>
}

export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose(): void }) {
  const { t } = useTranslation()
  return (
    <Dialog
      open={request !== null}
      onOpenChange={(open) => !open && onClose()}
      title={request?.title ?? ''}
      description={request?.message ?? ''}
      footer={
        <>
          {/* Cancel first and focused: the safe choice is the default one. */}
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            {t('cancel')}
          </button>
          <button
            type="button"
            className="btn btn-danger btn-solid"
            onClick={async () => {
              const r = request
              onClose()
              await r?.onConfirm()
            }}
          >
            {request?.confirmLabel}
          </button>
        </>
      }
    >
      {null}
    </Dialog>
  )
}
