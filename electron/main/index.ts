// Main process: window, menu, security and the IPC handlers. It holds capabilities, not the data
// (the knowledge base lives in the renderer's IndexedDB).
import { app, BrowserWindow, dialog, ipcMain, Menu, net, Notification, safeStorage, screen, session, shell } from 'electron'
import { readFileSync, writeFileSync } from 'node:fs'
import { lookup } from 'node:dns/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CHANNELS, ipcChannel } from '../../src/core/ipc/channels'
import type { EventPayloads, Language } from '../../src/core/ipc/contract'
import { createHandlers } from './handlers'
import { createDispatcher, createSenderCheck } from './ipc/dispatcher'
import { createNetRequestFetch } from './linkPreview/netRequestFetch'
import { menuTemplate } from './menu'
import { MENU_LABELS, menuLanguageFor } from './menuLabels'
import { hardenSession, hardenWebContents } from './security'
import { loadBounds, saveBounds, type WindowStateDeps } from './windowState'
import { createPdfRenderer } from './portfolioPrint'

const isMac = process.platform === 'darwin'
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const rendererIndex = join(__dirname, '../renderer/index.html')
const rendererPrefixes = devServerUrl ? [devServerUrl] : [pathToFileURL(join(__dirname, '../renderer/')).toString()]
const isAppUrl = createSenderCheck(rendererPrefixes)

let mainWindow: BrowserWindow | null = null
let closeConfirmed = false
let menuLanguage: Language = 'en'

function send<K extends keyof EventPayloads>(event: K, payload: EventPayloads[K]): void {
  mainWindow?.webContents.send(ipcChannel(event), payload)
}

function buildMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(menuLanguage, isMac, (command) => send('menuCommand', { command }))))
}

const windowStateFile = (): string => join(app.getPath('userData'), 'window-state.json')
const windowState: WindowStateDeps = {
  read: () => {
    try {
      return readFileSync(windowStateFile(), 'utf8')
    } catch {
      return null
    }
  },
  write: (text) => writeFileSync(windowStateFile(), text),
  displays: () => screen.getAllDisplays().map((d) => d.workArea),
}

const openExternal = (url: string): void => {
  void shell.openExternal(url)
}

function createWindow(): void {
  const bounds = loadBounds(windowState)
  closeConfirmed = false
  mainWindow = new BrowserWindow({
    ...bounds,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Baluchon',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })
  if (bounds.maximized) mainWindow.maximize()
  hardenWebContents(mainWindow.webContents, isAppUrl, openExternal)
  mainWindow.once('ready-to-show', () => mainWindow?.show())

  // Closing waits for the renderer to flush its pending autosave, so no keystroke is lost.
  mainWindow.on('close', (event) => {
    const win = mainWindow
    if (!win) return
    saveBounds(windowState, { ...win.getNormalBounds(), maximized: win.isMaximized() })
    if (closeConfirmed) return
    event.preventDefault()
    send('flushRequest', {})
    setTimeout(() => {
      closeConfirmed = true
      win.close()
    }, 3000)
  })
  mainWindow.on('closed', () => {
    mainWindow = null
  })

  if (devServerUrl) void mainWindow.loadURL(devServerUrl)
  else void mainWindow.loadFile(rendererIndex)
}

function registerIpc(): void {
  const dispatch = createDispatcher({
    isTrustedSender: isAppUrl,
    logError: (channel, error) => console.error(`[ipc] ${channel} failed:`, error instanceof Error ? error.message : error),
    handlers: createHandlers({
      appInfo: () => ({
        version: app.getVersion(),
        platform: process.platform,
        locale: app.getLocale(),
        dataPath: app.getPath('userData'),
      }),
      setMenuLanguage: (language) => {
        menuLanguage = language
        buildMenu()
      },
      openExternal: (url) => shell.openExternal(url),
      readyToClose: () => {
        closeConfirmed = true
        mainWindow?.close()
      },
      backup: {
        showSaveDialog: async (suggestedName) => {
          const l = MENU_LABELS[menuLanguage]
          const options = {
            title: l.exportBackupTitle,
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: [{ name: l.backupFiles, extensions: ['baluchon'] }],
            properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
          }
          const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
          return result.canceled || !result.filePath ? null : result.filePath
        },
        showOpenDialog: async () => {
          const l = MENU_LABELS[menuLanguage]
          const options = {
            title: l.restoreBackupTitle,
            filters: [{ name: l.backupFiles, extensions: ['baluchon', 'zip'] }],
            properties: ['openFile' as const],
          }
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
          return result.canceled ? null : (result.filePaths[0] ?? null)
        },
        autoBackupDir: () => join(app.getPath('userData'), 'backups'),
      },
      importFiles: {
        showImportDialog: async (kind) => {
          const l = MENU_LABELS[menuLanguage]
          const options: Electron.OpenDialogOptions =
            kind === 'folder'
              ? { title: l.importFolderTitle, properties: ['openDirectory'] }
              : {
                  title: l.importFileTitle,
                  filters: [
                    { name: l.importFiles, extensions: ['xml', 'html', 'htm', 'csv'] },
                    { name: l.allFiles, extensions: ['*'] },
                  ],
                  properties: ['openFile'],
                }
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
          return result.canceled ? null : (result.filePaths[0] ?? null)
        },
      },
      exportFiles: {
        showSaveDialog: async (suggestedName, kind) => {
          const l = MENU_LABELS[menuLanguage]
          const filter = { zip: { name: l.zipFiles, extensions: ['zip'] }, md: { name: l.markdownFiles, extensions: ['md'] }, html: { name: l.htmlFiles, extensions: ['html'] }, ics: { name: l.icsFiles, extensions: ['ics'] } }[kind]
          const options: Electron.SaveDialogOptions = {
            title: kind === 'zip' ? l.exportMarkdownZipTitle : kind === 'md' ? l.exportItemMarkdownTitle : kind === 'ics' ? l.exportCalendarTitle : l.exportItemHtmlTitle,
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: [filter],
            properties: ['createDirectory', 'showOverwriteConfirmation'],
          }
          const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
          return result.canceled || !result.filePath ? null : result.filePath
        },
        showFolderDialog: async () => {
          const l = MENU_LABELS[menuLanguage]
          const options: Electron.OpenDialogOptions = {
            title: l.exportMarkdownFolderTitle,
            buttonLabel: l.exportChooseFolder,
            defaultPath: app.getPath('documents'),
            properties: ['openDirectory', 'createDirectory'],
          }
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
          return result.canceled ? null : (result.filePaths[0] ?? null)
        },
      },
      // The PDF portfolio: printed in a hidden, locked-down window (portfolioPrint.ts).
      portfolioPdf: {
        showSaveDialog: async (suggestedName) => {
          const l = MENU_LABELS[menuLanguage]
          const options: Electron.SaveDialogOptions = {
            title: l.portfolioPdfTitle,
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: [{ name: l.pdfFiles, extensions: ['pdf'] }],
            properties: ['createDirectory', 'showOverwriteConfirmation'],
          }
          const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
          return result.canceled || !result.filePath ? null : result.filePath
        },
        renderPdf: createPdfRenderer({ BrowserWindow, session }),
        tempDir: () => tmpdir(),
      },
      publishing: {
        // getSelectedStorageBackend exists on Linux only; elsewhere the OS keychain is the only backend.
        safeStorage: {
          isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
          encryptString: (text) => safeStorage.encryptString(text),
          decryptString: (data) => safeStorage.decryptString(data),
          ...(process.platform === 'linux' ? { getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() } : {}),
        },
        dataDir: app.getPath('userData'),
        // Node's fetch, the client the integration tests drive against a real WordPress. (Not Electron's
        // net.fetch: its manual redirects reject instead of answering, electron/electron#43715.)
        fetch: (url, init) => fetch(url, init),
      },
      // The publication queue's reminders; a click brings the window forward and opens the item.
      notifications: {
        Notification,
        focusWindow: () => {
          if (!mainWindow) {
            createWindow()
            return 'opened'
          }
          if (mainWindow.isMinimized()) mainWindow.restore()
          mainWindow.show()
          mainWindow.focus()
          return 'focused'
        },
        send: (event, payload) => send(event, payload),
      },
      linkPreview: {
        fetch: createNetRequestFetch((options) => net.request(options)),
        resolveHost: async (hostname) => (await lookup(hostname, { all: true })).map((a) => a.address),
        isOnline: () => net.isOnline(),
      },
    }),
  })
  for (const name of CHANNELS) {
    ipcMain.handle(ipcChannel(name), (event, input) => dispatch(name, input, event.senderFrame?.url ?? ''))
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, openExternal))
  void app.whenReady().then(() => {
    menuLanguage = menuLanguageFor(app.getLocale())
    // Windows shows a notification only for an app with a user model id (the installer's appId).
    if (process.platform === 'win32') app.setAppUserModelId('app.baluchon')
    hardenSession(session.defaultSession)
    registerIpc()
    buildMenu()
    createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow()
    })
  })
  app.on('window-all-closed', () => {
    if (!isMac) app.quit()
  })
}
