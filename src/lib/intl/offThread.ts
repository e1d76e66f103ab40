// Loads the locale data of the app's formatters in a short-lived worker (warm.ts says why), so that the UI
// thread's first number, date or sort in a session does not pay for it.

/** The worker as this module needs it (a fake one in tests). */
export interface WarmWorker {
  postMessage(message: { languages: string[] }): void
  onmessage: ((event: MessageEvent) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  terminate(): void
}

const startWorker = (): WarmWorker | null =>
  typeof Worker === 'function' ? new Worker(new URL('./warm.worker.ts', import.meta.url), { type: 'module', name: 'intl-warm-up' }) : null

/** The warm-ups asked for, by language list: each is done once per page. */
const warmUps = new Map<string, Promise<void>>()

/**
 * Resolves once the worker has used the languages' formatters: the UI thread's own then cost a millisecond or
 * less. Never rejects: where no worker can run or it fails, it resolves at once and the first use pays as before.
 */
export function warmIntlOffThread(languages: readonly string[], start: () => WarmWorker | null = startWorker): Promise<void> {
  const key = languages.join(',')
  let warm = warmUps.get(key)
  if (!warm) {
    warm = new Promise<void>((resolve) => {
      let worker: WarmWorker | null = null
      const done = (): void => {
        worker?.terminate()
        resolve()
      }
      try {
        worker = start()
      } catch {
        worker = null
      }
      if (!worker) return resolve()
      worker.onmessage = done
      worker.onerror = done
      worker.postMessage({ languages: [...languages] })
    })
    warmUps.set(key, warm)
  }
  return warm
}

/** Tests only: forget the warm-ups done. */
export function resetIntlWarmUps(): void {
  warmUps.clear()
}
