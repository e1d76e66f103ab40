import { useEffect, useState } from 'react'

// The calendar's first showing paints the month before anything else: work that can wait for it (reading again what
// rangeCache already drew, the ideas list beside it) starts once the browser is idle after that paint.
type Idle = (run: () => void, options: { timeout: number }) => number

/** False on the first render when `defer` is set, true once the browser is idle after the first paint. */
export function useAfterPaint(defer: boolean, timeoutMs = 300): boolean {
  const [after, setAfter] = useState(!defer)
  useEffect(() => {
    if (after) return
    const idle = (globalThis as { requestIdleCallback?: Idle }).requestIdleCallback
    // Idle callbacks wait for the frame to be painted; without them (jsdom), the next task.
    if (typeof idle === 'function') {
      const handle = idle(() => setAfter(true), { timeout: timeoutMs })
      return () => cancelIdleCallback(handle)
    }
    const handle = setTimeout(() => setAfter(true), 0)
    return () => clearTimeout(handle)
  }, [after, timeoutMs])
  return after
}
