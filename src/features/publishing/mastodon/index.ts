// Mastodon publishing in the renderer: ledger rows for statuses and threads, posting them (resumable, idempotent),
// moving or cancelling a schedule. The local queue and the calendar call these; the variants dialog uses the UI.
export { postMastodonPublication, rescheduleMastodonPublication, cancelMastodonPublication, isRetryableMastodonError } from './publish'
export type { MastodonResult } from './publish'
export { createMastodonPublication, idempotencyKey, isMastodonPublication } from './ledger'
export type { MastodonMediaChoice, MastodonPublication, MastodonRowOptions, NewMastodonPublication } from './ledger'
