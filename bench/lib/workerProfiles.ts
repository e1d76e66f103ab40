// CPU profiles of the page's dedicated workers (the backup export and restore run in workers), for finding where
// their time goes. Playwright gives CDP sessions for pages only, so the page's session auto-attaches to its
// workers, non-flattened, and talks to each through Target.sendMessageToTarget. A worker the app terminates takes
// its profile with it: `stop()` must run while it lives (bench/lib/browser.ts calls the `beforeDispatch` hook,
// so the backup measure stops them when the page asks main to commit the file, before the worker is dropped).
//
//   BALUCHON_BENCH_WORKER_PROFILE=/tmp/prof/export npx tsx bench/run.ts --sizes=10000 --only=backup-export
//
// A worker the page terminates before any call to main (the Markdown export's: the page drops it as soon as it says
// 'done', then commits) is held by `holdWorkerTermination` until its profile is stopped.
//
// Profiling slows the workers: never read a profiled run's timings as results.
import { writeFileSync } from 'node:fs'
import type { CDPSession, Page } from 'playwright-core'

export const WORKER_PROFILE_PREFIX = process.env['BALUCHON_BENCH_WORKER_PROFILE']

interface Attached {
  sessionId: string
  targetInfo: { type: string; title: string; url: string }
}

export interface WorkerProfiler {
  /** Stops every live worker's profiler (or those whose name `which` accepts) and writes `<prefix>.<n>.<name>.cpuprofile`; returns the files. */
  stop(which?: (name: string) => boolean): Promise<string[]>
}

export async function profileWorkers(cdp: CDPSession, prefix: string): Promise<WorkerProfiler> {
  let nextId = 1
  const waiting = new Map<number, (result: unknown) => void>()
  // A worker's route: the session ids from the page down to it (a worker started by a worker, such as the backup
  // export's pool, is reached through its parent's session).
  const workers = new Map<string, { route: string[]; name: string }>()
  const files: string[] = []
  const send = (route: string[], method: string, params: object = {}): Promise<unknown> => {
    const id = nextId++
    const reply = new Promise<unknown>((resolve) => waiting.set(id, resolve))
    let message = JSON.stringify({ id, method, params })
    for (let i = route.length - 1; i > 0; i--) {
      message = JSON.stringify({ id: nextId++, method: 'Target.sendMessageToTarget', params: { sessionId: route[i], message } })
    }
    cdp.send('Target.sendMessageToTarget', { sessionId: route[0]!, message }).catch(() => waiting.get(id)?.(null))
    return reply
  }
  const attached = (route: string[], event: Attached): void => {
    if (event.targetInfo.type !== 'worker') return
    const own = [...route, event.sessionId]
    workers.set(own.join('/'), { route: own, name: event.targetInfo.title || 'worker' })
    // Sent together, not each after the previous reply: the worker loads and runs its code meanwhile, and the
    // profile should start as near its first line as it can. (Not from its first line for sure: Playwright's own
    // session lets a new worker run at once, so waitForDebuggerOnStart here would not hold it.)
    void send(own, 'Profiler.enable')
    void send(own, 'Profiler.setSamplingInterval', { interval: 200 })
    void send(own, 'Profiler.start')
    // The workers this one starts (the backup export's pool) too.
    void send(own, 'Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
  }
  const received = (route: string[], message: { id?: number; result?: unknown; method?: string; params?: Record<string, unknown> }): void => {
    if (message.id !== undefined) {
      waiting.get(message.id)?.(message.result ?? null)
      waiting.delete(message.id)
      return
    }
    if (message.method === 'Target.attachedToTarget') attached(route, message.params as unknown as Attached)
    else if (message.method === 'Target.detachedFromTarget') workers.delete([...route, String(message.params?.['sessionId'])].join('/'))
    else if (message.method === 'Target.receivedMessageFromTarget') {
      received([...route, String(message.params?.['sessionId'])], JSON.parse(String(message.params?.['message'])) as typeof message)
    }
  }
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => received([event.sessionId], JSON.parse(event.message) as Parameters<typeof received>[1]))
  cdp.on('Target.attachedToTarget', (event: Attached) => attached([], event))
  cdp.on('Target.detachedFromTarget', (event: { sessionId: string }) => void workers.delete(event.sessionId))
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
  return {
    async stop(which) {
      const live = [...workers].filter(([, { name }]) => !which || which(name))
      for (const [key] of live) workers.delete(key)
      await Promise.all(
        live.map(async ([, { route, name }]) => {
          const result = (await send(route, 'Profiler.stop')) as { profile?: unknown } | null
          if (!result?.profile) return
          const file = `${prefix}.${files.length}.${name.replace(/[^\w.-]/g, '_')}.cpuprofile`
          writeFileSync(file, JSON.stringify(result.profile))
          files.push(file)
        }),
      )
      return files
    },
  }
}

/**
 * Makes the page's `Worker#terminate` wait until `beforeEnd` has run (e.g. stopping that worker's profile). The
 * Markdown export terminates its worker the moment the worker posts 'done', before the page calls main again, so
 * the `beforeDispatch` hook comes too late and the profile went with the worker. For profiled runs only: the
 * worker lives a little longer (the page is not blocked: `terminate` returns at once, as it does in the app).
 */
export async function holdWorkerTermination(page: Page, beforeEnd: () => Promise<unknown>): Promise<void> {
  await page.exposeFunction('__benchBeforeWorkerTerminate', async () => void (await beforeEnd()))
  await page.evaluate(() => {
    const terminate = Worker.prototype.terminate
    const beforeEndInPage = (window as unknown as { __benchBeforeWorkerTerminate: () => Promise<void> }).__benchBeforeWorkerTerminate
    Worker.prototype.terminate = function (this: Worker) {
      void beforeEndInPage().finally(() => terminate.call(this))
    }
  })
}
