// One origin for the built app (out/renderer at /) and the benchmark's pages (out/bench at /__bench/),
// so the seed page writes the very IndexedDB database the app then reads. Byte-carrying `window.api` calls are
// answered here too (bench/lib/ipcOverHttp.ts). The end-to-end harness's static
// server does the serving, with the app's Content-Security-Policy on every response.
import { serveDirectory, type StaticServer } from '../../test/e2e/staticServer'
import { handleIpcRequest } from './ipcOverHttp'

export const BENCH_PREFIX = '/__bench/'

export type BenchServer = StaticServer

export function serveAppAndBench(appRoot: string, benchRoot: string): Promise<BenchServer> {
  return serveDirectory(appRoot, { mounts: { [BENCH_PREFIX]: benchRoot }, handle: handleIpcRequest })
}
