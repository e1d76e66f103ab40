// Main's typed Mastodon errors (and the ledger's codes) in the person's words (namespace 'mastodon'). Mastodon's own
// text is shown where it says something the person can act on (a 422: "Text character limit of 500 exceeded").
import type { TFunction } from 'i18next'

export interface MastodonErrorLike {
  code: string
  message: string
  detail?: Record<string, string | number>
  retryAfterMs?: number
}

export function describeMastodonError(t: TFunction<'mastodon'>, error: MastodonErrorLike): string {
  const detail = error.detail ?? {}
  switch (error.code) {
    case 'auth':
      return t('errors.auth')
    case 'permission-denied':
      return t('errors.permissionDenied')
    case 'not-mastodon':
      return t('errors.notMastodon')
    case 'not-found':
      return t('errors.notFound')
    case 'insecure-url':
      return t('errors.insecureUrl', { host: String(detail['host'] ?? '') })
    case 'unsupported-url':
      return t('errors.unsupportedUrl')
    case 'insecure-storage':
      return t('errors.insecureStorage')
    case 'network':
    case 'offline':
      return t('errors.network')
    case 'timeout':
      return t('errors.timeout')
    case 'rejected':
      return t('errors.rejected', { message: error.message })
    case 'rate-limited': {
      const ms = error.retryAfterMs ?? (typeof detail['retryAfterMs'] === 'number' ? detail['retryAfterMs'] : undefined)
      return ms !== undefined ? t('errors.rateLimitedFor', { minutes: Math.max(1, Math.ceil(ms / 60_000)) }) : t('errors.rateLimited')
    }
    case 'media-not-ready':
      return t('errors.mediaNotReady')
    case 'unknown-account':
      return t('errors.unknownAccount')
    case 'secret-unreadable':
      return t('errors.secretUnreadable')
    case 'too-soon':
      return t('errors.tooSoon')
    case 'not-due':
      return t('errors.notDue')
    case 'busy':
      return t('errors.busy')
    case 'already-published':
      return t('errors.alreadyPublished')
    case 'invalid-input':
      if (detail['reason'] === 'schedule-too-soon') return t('errors.tooSoon')
      if (detail['reason'] === 'missing-image') return t('errors.missingImage')
      if (detail['reason'] === 'too-many-media') return t('errors.tooManyMedia', { max: Number(detail['max'] ?? 4) })
      return t('errors.invalidInput')
    case 'remote-error':
      return t('errors.server', { status: String(detail['status'] ?? '') })
    default:
      return t('errors.internal', { message: error.message })
  }
}
