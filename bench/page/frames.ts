// "Painted": the next animation frame has run its rendering steps. The runner starts Chromium with
// vsync and the frame-rate limit off, so a frame starts as soon as one is due instead of waiting for
// the next 60 Hz tick: the time measured is the work, not the phase of the display clock.

/** Resolves with performance.now() once the next frame has been rendered (a task posted from rAF runs after paint). */
export function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve(performance.now())
      channel.port2.postMessage(null)
    })
  })
}
