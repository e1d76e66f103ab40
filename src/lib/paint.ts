// "After the next frame is painted", for work that must not delay a frame a person is waiting for.

/**
 * Runs `run` once the next frame is painted: a task queued from an animation-frame callback runs after that
 * frame. With `fallbackMs`, it runs then at the latest, for a page that draws no frames (hidden, or a test
 * without layout); `run` runs once either way. Without requestAnimationFrame it runs at the fallback, or in the
 * next task when there is none.
 */
export function afterNextPaint(run: () => void, fallbackMs?: number): Promise<void> {
  return new Promise((resolve) => {
    let done = false
    const once = (): void => {
      if (done) return
      done = true
      run()
      resolve()
    }
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0))
    else if (fallbackMs === undefined) setTimeout(once, 0)
    if (fallbackMs !== undefined) setTimeout(once, fallbackMs)
  })
}
