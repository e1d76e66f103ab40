// A job the person is watching (a backup export, a Markdown export, a restore) holds the app's background work
// (the search worker's catch-up, body indexing and saving, code fetched ahead for screens not shown yet) until it
// ends. Measured: the first export of a session shared IndexedDB's queue and the two cores with the search worker's
// start-up catch-up (a cursor over every item) and with the lazy screens' chunks being fetched and evaluated, and took
// 40-60% longer than the next ones. Hand-written: a counter and listeners.

type Listener = (held: boolean) => void

let holds = 0
const listeners = new Set<Listener>()

function notify(): void {
  const held = holds > 0
  for (const listener of [...listeners]) listener(held)
}

/** Holds background work until the returned function is called (once; later calls do nothing). Holds nest. */
export function holdBackground(): () => void {
  holds++
  if (holds === 1) notify()
  let released = false
  return () => {
    if (released) return
    released = true
    holds--
    if (holds === 0) notify()
  }
}

export function isBackgroundHeld(): boolean {
  return holds > 0
}

/** Called with true when the first hold starts and false when the last one ends. Returns a function that stops it. */
export function onBackgroundHold(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Resolves at once when nothing holds background work, else once the last hold ends. */
export function whenBackgroundFree(): Promise<void> {
  if (holds === 0) return Promise.resolve()
  return new Promise((resolve) => {
    const stop = onBackgroundHold((held) => {
      if (held) return
      stop()
      resolve()
    })
  })
}

/**
 * A hold that follows a state: held while `busy` says so (a job store calls it at each change of its state), so no
 * path out of a job (done, failed, cancelled) can leave it held.
 */
export function holdWhile(): (busy: boolean) => void {
  let release: (() => void) | null = null
  return (busy) => {
    if (busy && !release) release = holdBackground()
    else if (!busy && release) {
      release()
      release = null
    }
  }
}

/** Tests: forget every hold and listener. */
export function resetBackgroundHold(): void {
  holds = 0
  listeners.clear()
}
