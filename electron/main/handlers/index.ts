// Every handler of the IPC contract, assembled from plain modules whose Electron parts are passed in.
import type { Language } from '../../../src/core/ipc/contract'
import type { AppInfo } from '../../../src/core/ipc/contract'
import { IpcFailure } from '../../../src/core/ipc/result'
import { isSafeExternalUrl } from '../../../src/core/url'
import type { Handlers } from '../ipc/dispatcher'
import { createBackupHandlers, type BackupDeps } from './backup'
import { createImportFileHandlers, type ImportFilesDeps } from './importFiles'
import { createExportFileHandlers, type ExportFilesDeps } from './exportFiles'
import { createPortfolioPdfHandlers, type PortfolioPdfDeps } from './portfolioPdf'
import { createImageDownload } from './importMedia'
import { createLinkPreview, type LinkPreviewDeps } from './linkPreview'
import { createPublishingHandlers, unavailablePublishing, type PublishingDeps } from './publishing'
import { createMastodonHandlers, unavailableMastodon } from '../publishing/mastodonHandlers'
import { createNotificationHandlers, noNotifications, type NotificationsDeps } from './notifications'

export interface HandlerDeps {
  appInfo(): AppInfo
  setMenuLanguage(language: Language): void
  /** Opens a URL in the OS browser or mail client (shell.openExternal). */
  openExternal(url: string): Promise<void>
  readyToClose(): void
  linkPreview: LinkPreviewDeps
  backup: BackupDeps
  /** The import's open dialog (absent: as if the person cancelled, for tests that do not import). Images come through `linkPreview`'s network. */
  importFiles?: ImportFilesDeps
  /** Publishing accounts and WordPress: safeStorage, the data folder, fetch (absent: publishing answers that it is unavailable). */
  publishing?: PublishingDeps
  /** The open-format export's save and folder dialogs (absent: as if the person cancelled). */
  exportFiles?: ExportFilesDeps
  /** The portfolio PDF's save dialog and page printer (absent: as if the person cancelled the dialog). */
  portfolioPdf?: PortfolioPdfDeps
  /** Desktop notifications: Electron's Notification, the window's focus, the event sender (absent: none shown). */
  notifications?: NotificationsDeps
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    appInfo: () => deps.appInfo(),
    setMenuLanguage: ({ language }) => deps.setMenuLanguage(language),
    openExternal: async ({ url }) => {
      if (!isSafeExternalUrl(url)) throw new IpcFailure('unsupported-url', 'Only http(s) and mailto links open outside the app')
      await deps.openExternal(url)
    },
    linkPreview: createLinkPreview(deps.linkPreview),
    readyToClose: () => deps.readyToClose(),
    ...createBackupHandlers(deps.backup),
    ...createImportFileHandlers(deps.importFiles ?? { showImportDialog: async () => null }),
    importFetchImage: createImageDownload(deps.linkPreview),
    ...(deps.publishing ? createPublishingHandlers(deps.publishing) : unavailablePublishing()),
    ...(deps.publishing ? createMastodonHandlers(deps.publishing) : unavailableMastodon()),
    ...createExportFileHandlers(deps.exportFiles ?? { showSaveDialog: async () => null, showFolderDialog: async () => null }),
    ...createPortfolioPdfHandlers(
      deps.portfolioPdf ?? {
        showSaveDialog: async () => null,
        renderPdf: () => Promise.reject(new Error('No PDF printer')),
        tempDir: () => '',
      },
    ),
    ...(deps.notifications ? createNotificationHandlers(deps.notifications) : noNotifications()),
  }
}
