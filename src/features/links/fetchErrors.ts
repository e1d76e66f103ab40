// Which link fetch failures are worth retrying, and how to say a failure in the person's language.
import type { TFunction } from 'i18next'
import type { IpcError } from '../../core/ipc/result'
import type { LinkFetchError } from '../items/repository'

/** Errors a later try can fix (connection, server busy). Everything else marks the link 'failed'. */
export function isTransient(error: IpcError): boolean {
  if (error.code === 'http-status') {
    const status = Number(error.detail?.status)
    return status === 408 || status === 425 || status === 429 || status >= 500
  }
  return error.code === 'offline' || error.code === 'network' || error.code === 'timeout' || error.code === 'internal' || error.code === 'cancelled'
}

export function toFetchError(error: IpcError): LinkFetchError {
  const status = Number(error.detail?.status)
  return Number.isFinite(status) && status > 0 ? { code: error.code, status } : { code: error.code }
}

/** The translated message for a stored fetch error (common.json errors.*). */
export function fetchErrorMessage(t: TFunction, error: LinkFetchError): string {
  return t(`errors.${error.code}`, { ns: 'common', status: error.status ?? '' })
}
