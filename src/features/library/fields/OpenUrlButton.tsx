// Opens a URL in the OS browser through main (never in the app window), http(s)/mailto only.
import { ExternalLink } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { isSafeExternalUrl } from '../../../core/url'
import { getApi } from '../../../lib/api'
import { useToast } from '../../../app/ui/Toasts'

export function OpenUrlButton({ url, label }: { url: string; label: string }) {
  const { t } = useTranslation()
  const toast = useToast()
  const safe = isSafeExternalUrl(url)
  return (
    <button
      type="button"
      className="btn btn-icon"
      aria-label={label}
      title={label}
      disabled={!safe}
      onClick={async () => {
        const result = await getApi().openExternal({ url: url.trim() })
        if (!result.ok) toast({ tone: 'error', message: t(`errors.${result.error.code}`, { status: result.error.detail?.status ?? '' }) })
      }}
    >
      <ExternalLink size={15} aria-hidden />
    </button>
  )
}
