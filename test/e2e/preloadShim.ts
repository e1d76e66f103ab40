// Defines `window.api` in the test browser by running THE BUILT PRELOAD (out/preload/index.cjs), the
// very file the app ships, with a stand-in for the `electron` module it requires:
//   contextBridge.exposeInMainWorld -> a frozen, read-only property on window;
//   ipcRenderer.invoke              -> the `__baluchonInvoke` Playwright binding -> the real dispatcher;
//   ipcRenderer.on / removeListener -> a listener table that app.emit() feeds (main -> renderer events).
// Why not rebuild window.api from src/core/ipc/buildApi.ts here? Stringifying a function loses its imports
// (CHANNELS, EVENTS) once Vite has transformed it, and bundling it again would test a copy; running the
// shipped preload tests the real thing, including its channel prefixes and its listener bookkeeping.
import { readFileSync } from 'node:fs'

export const INVOKE_BINDING = '__baluchonInvoke'
export const REPORT_BINDING = '__baluchonReport'
export const EMIT_FUNCTION = '__baluchonEmit'

export function preloadInitScript(preloadFile: string): string {
  const preload = readFileSync(preloadFile, 'utf8')
  return `(() => {
  const listeners = new Map()
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, value) {
        Object.defineProperty(window, key, { value: Object.freeze(value), enumerable: true, writable: false, configurable: false })
      },
    },
    ipcRenderer: {
      invoke: (channel, input) => window[${JSON.stringify(INVOKE_BINDING)}](channel, input),
      on(channel, listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel).add(listener)
        return electron.ipcRenderer
      },
      removeListener(channel, listener) {
        listeners.get(channel)?.delete(listener)
        return electron.ipcRenderer
      },
    },
  }
  // main -> renderer: called by app.emit() through page.evaluate; returns how many listeners got it.
  Object.defineProperty(window, ${JSON.stringify(EMIT_FUNCTION)}, {
    value: (channel, payload) => {
      const current = [...(listeners.get(channel) ?? [])]
      for (const listener of current) listener({}, payload)
      return current.length
    },
  })
  // CSP violations also reach the console, but this names the directive and the blocked resource.
  document.addEventListener('securitypolicyviolation', (e) => {
    const where = e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : ''
    const sample = e.sample ? ' (' + e.sample + ')' : ''
    window[${JSON.stringify(REPORT_BINDING)}]?.('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'code') + where + sample)
  })
  const require = (name) => {
    if (name === 'electron') return electron
    throw new Error('The end-to-end preload stand-in has no module "' + name + '": teach test/e2e/preloadShim.ts about it')
  }
  const module = { exports: {} }
  ;(function (require, module, exports) {
${preload}
  })(require, module, module.exports)
})()`
}
