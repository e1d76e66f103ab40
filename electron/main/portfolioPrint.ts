// Prints a page of the portfolio site to PDF with Electron's printToPDF, in a hidden window locked down as the
// security checklist asks: no Node, sandboxed, no JavaScript at all (the site has none), its own in-memory
// session that refuses every request outside the temporary folder holding the page, no navigation, no new
// windows, no permissions. One print at a time (the request filter is the folder of the print running).
import type { BrowserWindow as ElectronBrowserWindow, Session } from 'electron'
import { pathToFileURL } from 'node:url'

export interface PrintElectron {
  BrowserWindow: typeof ElectronBrowserWindow
  session: { fromPartition(partition: string, options?: { cache: boolean }): Session }
}

export function createPdfRenderer(electron: PrintElectron): (pageFile: string, folder: string) => Promise<Uint8Array> {
  let queue: Promise<unknown> = Promise.resolve()
  const print = async (pageFile: string, folder: string): Promise<Uint8Array> => {
    // No "persist:" prefix: an in-memory session, nothing kept on disk.
    const ses = electron.session.fromPartition('baluchon-portfolio-print', { cache: false })
    const allowed = pathToFileURL(folder).href.replace(/\/?$/, '/')
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith(allowed) }))
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    ses.setPermissionCheckHandler(() => false)
    const win = new electron.BrowserWindow({
      show: false,
      width: 1024,
      height: 1400,
      webPreferences: { session: ses, sandbox: true, nodeIntegration: false, contextIsolation: true, javascript: false, webSecurity: true, spellcheck: false },
    })
    try {
      const contents = win.webContents
      contents.on('will-navigate', (event) => event.preventDefault())
      contents.on('will-redirect', (event) => event.preventDefault())
      contents.on('will-attach-webview', (event) => event.preventDefault())
      contents.setWindowOpenHandler(() => ({ action: 'deny' }))
      await win.loadURL(pathToFileURL(pageFile).href)
      const pdf = await contents.printToPDF({ printBackground: true, preferCSSPageSize: true, generateDocumentOutline: true, generateTaggedPDF: true })
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
    } finally {
      win.destroy()
    }
  }
  return (pageFile, folder) => {
    const run = queue.then(() => print(pageFile, folder))
    queue = run.catch(() => undefined)
    return run
  }
}
