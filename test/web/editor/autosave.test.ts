// @vitest-environment jsdom
// The autosave engine on its own, with fake timers: debounce, flush, failure, retry, detach.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Autosaver, contentWritesSettled, flushAllPendingSaves, registerFlushHandler, resetAutosaversForTests, AUTOSAVE_DELAY_MS } from '../../../src/features/editor/autosave'

let text = ''
let writes: string[] = []
let failNext: unknown[] = []

function makeSaver(options: Partial<ConstructorParameters<typeof Autosaver<string>>[0]> = {}): Autosaver<string> {
  return new Autosaver<string>({
    read: () => text,
    write: async (content) => {
      await Promise.resolve()
      const failure = failNext.shift()
      if (failure) throw failure
      writes.push(content)
    },
    ...options,
  })
}

const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError')

beforeEach(() => {
  vi.useFakeTimers()
  text = ''
  writes = []
  failNext = []
  resetAutosaversForTests()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Autosaver', () => {
  it('reports content writes settled only with nothing waiting and nothing written for the grace period', async () => {
    const saver = makeSaver()
    expect(contentWritesSettled(1_000)).toBe(true)
    text = 'a'
    saver.change()
    expect(contentWritesSettled(1_000)).toBe(false)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(writes).toEqual(['a'])
    // Written just now: the live queries may not have heard of it yet.
    expect(contentWritesSettled(1_000)).toBe(false)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(contentWritesSettled(1_000)).toBe(true)
    // A failed save keeps it unsettled until it goes through.
    failNext = [quota()]
    text = 'ab'
    saver.change()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 10)
    expect(saver.getStatus()).toEqual({ state: 'error', reason: 'storage-full' })
    expect(contentWritesSettled(1_000)).toBe(false)
    // The retry (a second later) goes through; settled a grace period after it.
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes).toEqual(['a', 'ab'])
    expect(contentWritesSettled(1_000)).toBe(false)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(contentWritesSettled(1_000)).toBe(true)
  })

  it('waits for typing to pause, then writes the latest content once', async () => {
    const saver = makeSaver()
    for (const ch of 'hello') {
      text += ch
      saver.change()
      await vi.advanceTimersByTimeAsync(200)
    }
    expect(writes).toEqual([])
    expect(saver.getStatus()).toEqual({ state: 'pending' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(writes).toEqual(['hello'])
    expect(saver.getStatus()).toEqual({ state: 'saved' })
  })

  it('saves within a second of the last keystroke', async () => {
    const saver = makeSaver()
    text = 'a'
    saver.change()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes).toEqual(['a'])
  })

  it('reads the content only when a save runs, not on each change', async () => {
    const read = vi.fn(() => text)
    const saver = makeSaver({ read })
    for (let i = 0; i < 50; i++) saver.change()
    expect(read).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(read).toHaveBeenCalledTimes(1)
  })

  it('flush() writes at once and cancels the pending debounce', async () => {
    const saver = makeSaver()
    text = 'now'
    saver.change()
    expect(await saver.flush()).toBe(true)
    expect(writes).toEqual(['now'])
    await vi.advanceTimersByTimeAsync(5_000)
    expect(writes).toEqual(['now'])
  })

  it('a change during a save is written by a second save, never lost', async () => {
    let release: () => void = () => undefined
    const slowWrites: string[] = []
    const saver = makeSaver({
      write: (content) =>
        new Promise<void>((resolve) => {
          release = () => {
            slowWrites.push(content)
            resolve()
          }
        }),
    })
    text = 'one'
    saver.change()
    const flushing = saver.flush()
    expect(saver.getStatus()).toEqual({ state: 'saving' })
    text = 'one two'
    saver.change()
    release()
    await vi.advanceTimersByTimeAsync(0)
    expect(slowWrites).toEqual(['one'])
    // The running flush promised everything: it goes on with the text typed meanwhile.
    expect(saver.getStatus()).toEqual({ state: 'saving' })
    release()
    expect(await flushing).toBe(true)
    expect(slowWrites).toEqual(['one', 'one two'])
    expect(saver.getStatus()).toEqual({ state: 'saved' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(slowWrites).toEqual(['one', 'one two'])
  })

  it('on a full disk: reports storage-full, keeps the content, retries with back-off until it succeeds', async () => {
    const unsaved = vi.fn()
    const saver = makeSaver({ retryDelaysMs: [1_000, 4_000], onUnsaved: unsaved })
    failNext = [quota(), quota()]
    text = 'precious'
    saver.change()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(saver.getStatus()).toEqual({ state: 'error', reason: 'storage-full' })
    expect(saver.hasUnsavedChanges).toBe(true)
    expect(unsaved).toHaveBeenLastCalledWith('precious', expect.any(DOMException))
    await vi.advanceTimersByTimeAsync(1_000) // first retry, fails again
    expect(writes).toEqual([])
    expect(saver.getStatus()).toEqual({ state: 'error', reason: 'storage-full' })
    await vi.advanceTimersByTimeAsync(3_000) // back-off: the second retry is not due yet
    expect(writes).toEqual([])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes).toEqual(['precious'])
    expect(saver.getStatus()).toEqual({ state: 'saved' })
    expect(saver.hasUnsavedChanges).toBe(false)
    expect(unsaved).toHaveBeenLastCalledWith(null)
  })

  it('a generic failure is reported as such, and the next change retries with the newest text', async () => {
    const saver = makeSaver()
    failNext = [new Error('boom')]
    text = 'v1'
    saver.change()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(saver.getStatus()).toEqual({ state: 'error', reason: 'generic' })
    text = 'v2'
    saver.change()
    // The error stays visible until a save goes through.
    expect(saver.getStatus()).toEqual({ state: 'error', reason: 'generic' })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(writes).toEqual(['v2'])
    expect(saver.getStatus()).toEqual({ state: 'saved' })
  })

  it('detach() captures the content while it can still be read and keeps it through failures', async () => {
    let alive = true
    const saver = makeSaver({
      read: () => {
        if (!alive) throw new Error('editor destroyed')
        return text
      },
      retryDelaysMs: [1_000],
    })
    failNext = [quota()]
    text = 'last words'
    saver.change()
    const detached = saver.detach()
    alive = false // the editor is destroyed right after unmount
    expect(await detached).toBe(false)
    expect(saver.getStatus()).toEqual({ state: 'error', reason: 'storage-full' })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(writes).toEqual(['last words'])
    expect(saver.hasUnsavedChanges).toBe(false)
  })

  it('flushAllPendingSaves() writes every editor with changes and reports failures', async () => {
    const a = makeSaver()
    const b = makeSaver({ read: () => 'b text' })
    text = 'a text'
    a.change()
    b.change()
    expect(await flushAllPendingSaves()).toBe(true)
    expect(writes.sort()).toEqual(['a text', 'b text'])
    failNext = [new Error('nope')]
    a.change()
    expect(await flushAllPendingSaves()).toBe(false)
    expect(await flushAllPendingSaves()).toBe(true)
  })

  it('flushes when the page is hidden or unloaded', async () => {
    const saver = makeSaver()
    text = 'hidden'
    saver.change()
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(0)
    expect(writes).toEqual(['hidden'])
    text = 'gone'
    saver.change()
    window.dispatchEvent(new Event('pagehide'))
    await vi.advanceTimersByTimeAsync(0)
    expect(writes).toEqual(['hidden', 'gone'])
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
  })
})

describe('registerFlushHandler', () => {
  it('makes flushAllPendingSaves wait for other unsaved work and report its failure', async () => {
    let written = false
    const off = registerFlushHandler(async () => {
      await Promise.resolve()
      written = true
    })
    expect(await flushAllPendingSaves()).toBe(true)
    expect(written).toBe(true)
    const offFailing = registerFlushHandler(async () => false)
    expect(await flushAllPendingSaves()).toBe(false)
    offFailing()
    const offThrowing = registerFlushHandler(() => Promise.reject(new Error('draft lost?')))
    expect(await flushAllPendingSaves()).toBe(false)
    offThrowing()
    off()
    written = false
    expect(await flushAllPendingSaves()).toBe(true)
    expect(written).toBe(false)
  })
})
