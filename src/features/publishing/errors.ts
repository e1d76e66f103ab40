// Main's typed publishing errors, in the person's words. Each code (and, for 'auth', the reason main found) has
// its own message; the platform's own text is shown under it only when it adds something (remote errors).
import type { TFunction } from 'i18next'
import type { IpcError } from '../../core/ipc/result'

/** A failed bridge call, as a value the UI keeps in state. */
export class PublishingFailure extends Error {
  readonly error: IpcError
  constructor(error: IpcError) {
    super(error.message)
    this.name = 'PublishingFailure'
    this.error = error
  }
}

/** The result's value, or a PublishingFailure carrying main's typed error. */
export async function unwrap<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new PublishingFailure(result.error)
  return result.value
}

export function errorOf(failure: unknown): IpcError {
  if (failure instanceof PublishingFailure) return failure.error
  return { code: 'internal', message: failure instanceof Error ? failure.message : String(failure) }
}

/** The translated sentence for a publishing error (namespace 'publishing'). */
export function describePublishingError(t: TFunction<'publishing'>, error: IpcError): string {
  const detail = error.detail ?? {}
  switch (error.code) {
    case 'auth':
      if (detail['reason'] === 'application-passwords-unavailable') return t('errors.applicationPasswordsOff')
      if (detail['hint'] === 'maybe-header-stripped') return t('errors.authOrStripped')
      return t('errors.auth')
    case 'auth-header-stripped':
      return t('errors.authHeaderStripped')
    case 'no-rest-api':
      return t('errors.noRestApi')
    case 'insecure-url':
      return t('errors.insecureUrl', { host: String(detail['host'] ?? '') })
    case 'insecure-storage':
      return t('errors.insecureStorage')
    case 'unsupported-url':
      return t('errors.unsupportedUrl')
    case 'network':
    case 'offline':
      return t('errors.network')
    case 'timeout':
      return t('errors.timeout')
    case 'permission-denied':
      return t('errors.permissionDenied')
    case 'unknown-account':
      return t('errors.unknownAccount')
    case 'secret-unreadable':
      return t('errors.secretUnreadable')
    case 'invalid-input':
      if (detail['reason'] === 'schedule-in-past') return t('errors.scheduleInPast')
      if (detail['reason'] === 'missing-image') return t('errors.missingImage')
      return t('errors.invalidInput')
    case 'remote-error':
      return t('errors.remote', { message: error.message })
    case 'busy':
      return t('errors.busy')
    default:
      return t('errors.internal', { message: error.message })
  }
}

/** How long the blog asked to wait (Retry-After on a 429 or 503), when it said. */
export function retryAfterOf(error: IpcError): number | undefined {
  const value = error.detail?.['retryAfterMs']
  return typeof value === 'number' && value >= 0 ? value : undefined
}

/** Whether trying again later may work by itself (the ledger's `retryable`). */
export function isRetryable(error: IpcError): boolean {
  const status = Number(error.detail?.['status'] ?? 0)
  return error.code === 'network' || error.code === 'offline' || error.code === 'timeout' || (error.code === 'remote-error' && (status >= 500 || status === 429))
}
