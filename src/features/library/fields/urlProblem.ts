import type { TFunction } from 'i18next'
import { isSafeExternalUrl } from '../../../core/url'

/** Optional URL fields: empty is fine, otherwise it must be a full http(s) address. */
export function urlProblem(value: string, t: TFunction<'library'>): string | null {
  const v = value.trim()
  if (!v) return null
  return isSafeExternalUrl(v) && /^https?:/i.test(v) ? null : t('fields.urlInvalid')
}
