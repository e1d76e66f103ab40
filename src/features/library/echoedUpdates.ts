// When each item was last changed as this window's own autosaves tell it (their echo, read back by the detail
// pane's live query), for the detail header to show. Why apart from the row: the pane keeps the row it shows for
// such an echo (DetailPane, useDetailItem), so that a save re-renders nothing in React (every React commit, with
// the caret in the editor, walks the document's DOM up to the caret to measure the selection: milliseconds at the
// end of a 200 KB draft); the header writes its "edited" words from here instead (DetailHeader).

type Listener = (itemId: string, updatedAt: number) => void

const latest = new Map<string, number>()
const listeners = new Set<Listener>()

/**
 * An own save of `itemId`, written at `updatedAt`, is done (the editor's session says so when the write resolves)
 * or its echo was read, whichever comes first: the header shows it (an older one, or the same again, changes nothing).
 */
export function noteEchoedUpdate(itemId: string, updatedAt: number): void {
  if ((latest.get(itemId) ?? Number.NEGATIVE_INFINITY) >= updatedAt) return
  latest.set(itemId, updatedAt)
  for (const listener of listeners) listener(itemId, updatedAt)
}

/** The newest echoed updatedAt of the item, if any. */
export function echoedUpdate(itemId: string): number | undefined {
  return latest.get(itemId)
}

export function subscribeEchoedUpdates(listener: Listener): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}
