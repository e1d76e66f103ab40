// What crosses the bridge: never a raw exception, always a result with a typed error code
// the renderer can translate into the person's language.

export const IPC_ERROR_CODES = [
  'invalid-input',
  'forbidden-sender',
  'unknown-channel',
  'offline',
  'network',
  'timeout',
  'too-large',
  'blocked-address',
  'unsupported-url',
  'http-status',
  'not-html',
  'cancelled',
  'io',
  'internal',
  // Publishing (electron/main/publishing): see the module comments for what each means.
  'auth',
  'auth-header-stripped',
  'no-rest-api',
  'insecure-url',
  'insecure-storage',
  'permission-denied',
  'unknown-account',
  'secret-unreadable',
  'remote-error',
  // Mastodon (electron/main/publishing/mastodonClient.ts).
  'not-mastodon',
  'not-found',
  'rejected',
  'rate-limited',
  'media-not-ready',
  // Renderer-side: the same post is being sent to the same blog already (src/features/publishing/publishPost.ts).
  'busy',
] as const
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number]

export interface IpcError {
  code: IpcErrorCode
  /** Developer-facing detail (English, no secrets); the UI shows a translated message for `code`. */
  message: string
  /** Extra facts for the message, e.g. the HTTP status. */
  detail?: Record<string, string | number>
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export class IpcFailure extends Error {
  readonly code: IpcErrorCode
  readonly detail: Record<string, string | number> | undefined
  constructor(code: IpcErrorCode, message: string, detail?: Record<string, string | number>) {
    super(message)
    this.name = 'IpcFailure'
    this.code = code
    this.detail = detail
  }
}

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value }
}

export function fail(code: IpcErrorCode, message: string, detail?: Record<string, string | number>): IpcResult<never> {
  return { ok: false, error: detail ? { code, message, detail } : { code, message } }
}
