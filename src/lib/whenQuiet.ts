// Background work that can wait (code for screens not shown yet, read-aheads, warming cold code paths)
// runs while the person is not using the window, one task at a time. Started at idle alone, such a task
// (evaluating a 750 KB chunk, a read-ahead's re-render) still ran in the gaps between a person's first
// clicks and held them: the first opens of a session took 170-190 ms instead of 30-40 (bench open-item,
// 10,000 items). Hand-written: requestIdleCallback knows the page is idle now, not that the person has
// stopped clicking and typing, and no library offers that.

import { isBackgroundHeld, whenBackgroundFree } from './backgroundHold'

/** How long after the last key or click (or the answer to one: noteAnswerShown) the window counts as quiet. */
export const QUIET_MS = 500

type Task = () => unknown

const queue: Task[] = []
const inputListeners = new Set<() => void>()
let lastInput = Number.NEGATIVE_INFINITY
let listening = false
let pumping = false

const now = (): number => performance.now()

function noteInput(): void {
  lastInput = now()
}

/** A person's key, click, wheel or text input (see listen), not what this module counts as input by itself. */
function personInput(): void {
  noteInput()
  for (const listener of inputListeners) listener()
}

function listen(): void {
  if (listening || typeof window === 'undefined') return
  listening = true
  // Capture, so a handler that stops propagation still counts as input. Text entered without a key (pasted from a
  // menu, dropped, dictated, composed by an input method) is typing too: without 'input', a word pasted into the
  // search box left the window "quiet", and a background task (a chunk's evaluation, the calendar's read-ahead)
  // started under the person's next key (bench: search keys of 300-450 ms with those tasks in their profiles).
  for (const type of ['pointerdown', 'keydown', 'wheel', 'input']) window.addEventListener(type, personInput, { capture: true, passive: true })
}

/**
 * The app has just shown the answer to something asked at `askedAt` (a search's results painted). When that was asked
 * while the person was clicking or typing, they are reading the answer now and their next key or click comes in
 * reaction to it: quiet time counts from now, as from an input. Counted from the input alone, the first searches of a
 * session (answered 350 ms or more after their key) left the person "quiet" 500 ms after typing while they read the
 * results, and background tasks of 30-70 ms (the detail pane's warm-up draws) started just as the next key came in
 * (bench search-keystroke: the first keys of a session 114-141 ms at 10,000 items, against 35-60 for later ones).
 * An answer to something the app asked by itself (results redrawn after an edit, while the person is quiet) counts
 * for nothing, so it never holds background work on its own.
 */
export function noteAnswerShown(askedAt: number): void {
  if (askedAt - lastInput < QUIET_MS) lastInput = Math.max(lastInput, now())
}

// From the module's loading (the app's start), not from the first task queued: a word typed in the search box as the
// first rows show, before any background task is queued, must count too (background.ts queues them after that).
listen()

/**
 * Calls `listener` on each of the person's keys, clicks, wheel turns and text inputs in the window (many a second
 * while they type: keep it cheap). Returns the unsubscribe.
 */
export function onInput(listener: () => void): () => void {
  listen()
  inputListeners.add(listener)
  return () => inputListeners.delete(listener)
}

/** True when no key, click, wheel or text input has come for QUIET_MS, nor the answer to one (noteAnswerShown). */
export function isQuiet(): boolean {
  return now() - lastInput >= QUIET_MS
}

function idle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2_000 })
  else setTimeout(run, 0)
}

function pump(): void {
  if (pumping) return
  pumping = true
  const step = (): void => {
    // Not while an export or a restore runs (backgroundHold.ts): fetching and evaluating a screen's chunk then
    // took the cores from it. Once it ends, the person reads its outcome: quiet time counts from there.
    if (isBackgroundHeld()) {
      void whenBackgroundFree().then(() => {
        noteInput()
        idle(step)
      })
      return
    }
    const waited = now() - lastInput
    if (waited < QUIET_MS) {
      setTimeout(() => idle(step), QUIET_MS - waited)
      return
    }
    const task = queue.shift()
    if (!task) {
      pumping = false
      return
    }
    let result: unknown
    try {
      result = task()
    } catch (error) {
      console.error('[whenQuiet]', error)
    }
    // The next task waits for this one's promise (a chunk's evaluation, a read), so two never pile up.
    void Promise.resolve(result)
      .catch((error: unknown) => console.error('[whenQuiet]', error))
      .then(() => idle(step))
  }
  idle(step)
}

/**
 * Runs `task` once the window is idle, no key, click or wheel (nor the answer to one) has come for QUIET_MS and no export or restore
 * holds background work (backgroundHold.ts); tasks run one at a time, in order, each after the previous one's
 * promise settles.
 */
export function whenQuiet(task: Task): void {
  listen()
  queue.push(task)
  pump()
}

/** Tests: forget queued tasks and the last input. */
export function resetWhenQuiet(): void {
  queue.length = 0
  lastInput = Number.NEGATIVE_INFINITY
  pumping = false
}
