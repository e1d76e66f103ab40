// Whether the Publications view is open, and on which list: opened from the sidebar, or by a notification that
// stands for several reminders at once.
import { useSyncExternalStore } from 'react'

export type PublicationsFilter = 'all' | 'queued' | 'waiting' | 'failed' | 'published'

let open: { filter: PublicationsFilter; nonce: number } | null = null
let nonce = 0
const listeners = new Set<() => void>()

function set(next: typeof open): void {
  open = next
  for (const listener of listeners) listener()
}

export const openPublicationsView = (filter: PublicationsFilter = 'all'): void => set({ filter, nonce: ++nonce })
export const closePublicationsView = (): void => set(null)

export function usePublicationsView(): typeof open {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => open,
  )
}
