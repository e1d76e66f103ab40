// @vitest-environment jsdom
// The locale data is loaded by a short-lived worker (src/lib/intl/offThread.ts): one per page and language list,
// ended once it says it is done, and never a failure the app has to handle.
import { beforeEach, describe, expect, it } from 'vitest'
import { resetIntlWarmUps, warmIntlOffThread, type WarmWorker } from '../../../src/lib/intl/offThread'

class FakeWorker implements WarmWorker {
  posted: { languages: string[] }[] = []
  terminated = false
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  postMessage(message: { languages: string[] }): void {
    this.posted.push(message)
  }
  terminate(): void {
    this.terminated = true
  }
}

/** Whether the promise has settled by now. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  void promise.then(() => (done = true))
  await new Promise((resolve) => setTimeout(resolve, 0))
  return done
}

beforeEach(() => resetIntlWarmUps())

describe('warmIntlOffThread', () => {
  it('resolves once the worker has warmed the languages, and ends it', async () => {
    const workers: FakeWorker[] = []
    const start = () => {
      const worker = new FakeWorker()
      workers.push(worker)
      return worker
    }
    const warm = warmIntlOffThread(['fr'], start)
    expect(workers).toHaveLength(1)
    expect(workers[0]!.posted).toEqual([{ languages: ['fr'] }])
    expect(await settled(warm)).toBe(false)
    workers[0]!.onmessage!(new MessageEvent('message', { data: 'warm' }))
    expect(await settled(warm)).toBe(true)
    expect(workers[0]!.terminated).toBe(true)
    // Once per page: the same languages again start no other worker.
    await warmIntlOffThread(['fr'], start)
    expect(workers).toHaveLength(1)
  })

  it('resolves when the worker fails, or when no worker can start', async () => {
    const worker = new FakeWorker()
    const failing = warmIntlOffThread(['en'], () => worker)
    worker.onerror!(new ErrorEvent('error', { message: 'boom' }))
    expect(await settled(failing)).toBe(true)
    expect(worker.terminated).toBe(true)
    expect(await settled(warmIntlOffThread(['de'], () => null))).toBe(true)
    expect(
      await settled(
        warmIntlOffThread(['it'], () => {
          throw new Error('no workers here')
        }),
      ),
    ).toBe(true)
  })
})
