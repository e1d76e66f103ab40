// The sandboxed preload: exposes `window.api`, built generically from the channel list.
import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '../../src/core/ipc/buildApi'
import { ipcChannel } from '../../src/core/ipc/channels'
import type { IpcResult } from '../../src/core/ipc/result'

const api = buildApi({
  invoke: (channel, input) => ipcRenderer.invoke(ipcChannel(channel), input) as Promise<IpcResult<unknown>>,
  subscribe: (event, listener) => {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(ipcChannel(event), wrapped)
    return () => {
      ipcRenderer.removeListener(ipcChannel(event), wrapped)
    }
  },
})

contextBridge.exposeInMainWorld('api', api)
