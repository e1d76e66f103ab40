// "Once the frame showing this is painted": for work that may follow the rows a person is waiting for.
import { useEffect, useState } from 'react'
import { afterNextPaint } from '../../lib/paint'

/** A page that draws no frames (hidden, or a test without layout) counts as painted after this long. */
const FRAME_FALLBACK_MS = 100

/**
 * False from the render where `key` changes (and on the first render) until the next frame is painted; then
 * true, with a render of its own. Keys are compared with Object.is.
 */
export function usePaintedSince(key: unknown): boolean {
  const [painted, setPainted] = useState<{ key: unknown } | null>(null)
  const done = painted !== null && Object.is(painted.key, key)
  useEffect(() => {
    if (done) return
    let live = true
    void afterNextPaint(() => {
      if (live) setPainted({ key })
    }, FRAME_FALLBACK_MS)
    return () => {
      live = false
    }
  }, [done, key])
  return done
}
