// The names of every IPC call and event. Kept apart from the schemas so the sandboxed preload
// can build `window.api` from this list without bundling zod; contract.ts must cover exactly these.

export const CHANNELS = [
  'appInfo',
  'setMenuLanguage',
  'openExternal',
  'linkPreview',
  'readyToClose',
  // Backup archives (electron/main/handlers/backup.ts): written and read in chunks through a handle.
  'backupWriteBegin',
  'backupWriteChunk',
  'backupDeflate',
  'backupWriteCommit',
  'backupWriteAbort',
  'backupOpen',
  'backupReadChunk',
  'backupReadClose',
  'backupList',
  'backupWriteRecord',
  // Imports (electron/main/handlers/importFiles.ts, importMedia.ts): picked files read in chunks through a handle.
  'importOpen',
  'importReadChunk',
  'importClose',
  'importFetchImage',
  // Open-format exports (electron/main/handlers/exportFiles.ts): files sent in batches through a handle.
  'exportFilesBegin',
  'exportFilesWrite',
  'exportFilesCommit',
  'exportFilesAbort',
  // The portfolio PDF (electron/main/handlers/portfolioPdf.ts): the print page's files through a handle, printed by main.
  'portfolioPdfBegin',
  'portfolioPdfWrite',
  'portfolioPdfCommit',
  'portfolioPdfAbort',
  // Publishing (electron/main/handlers/publishing.ts): accounts with their secrets kept in main, WordPress.
  'publishingStorageStatus',
  'publishingAccountSave',
  'publishingAccountList',
  'publishingAccountRemove',
  'wordpressPublish',
  'wordpressRefresh',
  'wordpressReschedule',
  // Mastodon (electron/main/publishing/mastodonHandlers.ts): accounts with their token kept in main, one status at a time.
  'mastodonAccountSave',
  'mastodonAccountList',
  'mastodonAccountVerify',
  'mastodonAccountRemove',
  'mastodonPostStatus',
  'mastodonReschedule',
  'mastodonCancelScheduled',
  // Desktop notifications (electron/main/handlers/notifications.ts): the publication queue's reminders.
  'notificationShow',
  'notificationTakePending',
] as const
export type ChannelName = (typeof CHANNELS)[number]

/** Events main sends to the renderer. */
export const EVENTS = ['menuCommand', 'flushRequest', 'notificationClick'] as const
export type EventName = (typeof EVENTS)[number]

export const IPC_PREFIX = 'baluchon:'

export function ipcChannel(name: ChannelName | EventName): string {
  return `${IPC_PREFIX}${name}`
}
