// @vitest-environment jsdom
// Background work waits until the person has stopped clicking and typing, and runs one task at a time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { holdBackground, holdWhile, resetBackgroundHold } from '../../../src/lib/backgroundHold'
import { noteAnswerShown, onInput, QUIET_MS, resetWhenQuiet, whenQuiet } from '../../../src/lib/whenQuiet'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] })
  resetWhenQuiet()
  resetBackgroundHold()
})
afterEach(() => {
  vi.useRealTimers()
})

const key = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
const click = () => window.dispatchEvent(new Event('pointerdown'))

describe('whenQuiet', () => {
  it('runs a task at once when nothing was pressed', async () => {
    const task = vi.fn()
    whenQuiet(task)
    await vi.advanceTimersByTimeAsync(10)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('holds tasks while keys and clicks keep coming, and runs them once the window is quiet', async () => {
    const task = vi.fn()
    key()
    whenQuiet(task)
    // A key or a click every 200 ms for two seconds: never quiet for QUIET_MS.
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(200)
      if (i % 2) key()
      else click()
    }
    expect(task).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(QUIET_MS + 50)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('holds tasks while text comes in without keys (pasted, dictated, composed), as while typing', async () => {
    const box = document.createElement('input')
    document.body.append(box)
    const task = vi.fn()
    whenQuiet(task)
    box.dispatchEvent(new Event('input', { bubbles: true }))
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(300)
      box.dispatchEvent(new Event('input', { bubbles: true }))
    }
    expect(task).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(QUIET_MS + 50)
    expect(task).toHaveBeenCalledTimes(1)
    box.remove()
  })

  it('stops between tasks when a key comes, and goes on once quiet again', async () => {
    const order: string[] = []
    whenQuiet(() => {
      order.push('first')
      key()
    })
    whenQuiet(() => order.push('second'))
    await vi.advanceTimersByTimeAsync(10)
    expect(order).toEqual(['first'])
    await vi.advanceTimersByTimeAsync(QUIET_MS / 2)
    expect(order).toEqual(['first'])
    await vi.advanceTimersByTimeAsync(QUIET_MS)
    expect(order).toEqual(['first', 'second'])
  })

  it("runs tasks in order, each after the previous one's promise settles, and goes on after a failure", async () => {
    const order: string[] = []
    let finish: () => void = () => undefined
    whenQuiet(() => new Promise<void>((resolve) => (finish = () => (order.push('first done'), resolve()))))
    whenQuiet(() => {
      order.push('second')
      throw new Error('broken')
    })
    whenQuiet(() => order.push('third'))
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await vi.advanceTimersByTimeAsync(1000)
    expect(order).toEqual([])
    finish()
    await vi.advanceTimersByTimeAsync(100)
    expect(order).toEqual(['first done', 'second', 'third'])
    expect(logged).toHaveBeenCalled()
    logged.mockRestore()
  })

  it('counts quiet from the answer to a key shown, as the person reads it, not from the key alone', async () => {
    const task = vi.fn()
    key()
    const askedAt = performance.now()
    whenQuiet(task)
    // A slow first answer: painted 400 ms after the key; the person reads it and types again 300 ms later.
    await vi.advanceTimersByTimeAsync(400)
    noteAnswerShown(askedAt)
    await vi.advanceTimersByTimeAsync(300)
    expect(task).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(QUIET_MS)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('does not hold tasks for an answer to something asked while the person was quiet', async () => {
    key()
    await vi.advanceTimersByTimeAsync(QUIET_MS + 100)
    // Asked by the app itself (results redrawn after an edit), long after the last key.
    const askedAt = performance.now()
    await vi.advanceTimersByTimeAsync(50)
    noteAnswerShown(askedAt)
    const task = vi.fn()
    whenQuiet(task)
    await vi.advanceTimersByTimeAsync(10)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('waits while an export or a restore holds background work, and runs QUIET_MS after the last hold ends', async () => {
    const task = vi.fn()
    const releaseExport = holdBackground()
    const restore = holdWhile()
    restore(true)
    whenQuiet(task)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(task).not.toHaveBeenCalled()
    releaseExport()
    // Released twice: still held by the restore.
    releaseExport()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(task).not.toHaveBeenCalled()
    restore(false)
    await vi.advanceTimersByTimeAsync(QUIET_MS / 2)
    expect(task).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(QUIET_MS)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it("tells its input listeners of each key, click, wheel and text input, and not of an answer shown, until they unsubscribe", () => {
    const heard = vi.fn()
    const stop = onInput(heard)
    key()
    click()
    window.dispatchEvent(new Event('wheel'))
    window.dispatchEvent(new Event('input'))
    noteAnswerShown(performance.now())
    expect(heard).toHaveBeenCalledTimes(4)
    stop()
    key()
    expect(heard).toHaveBeenCalledTimes(4)
  })
})
