// Which publishing dialog is open, for which item: opened from the item menu, shown by <PublishingDialogs/>
// (mounted once by the App shell).
import { useSyncExternalStore } from 'react'
import type { ChannelId } from '../../core/publish/channels'

/** `channel`: the network whose text should be ready to copy (a reminder that went off). */
export type PublishingDialog = { kind: 'publish' | 'variants'; itemId: string; channel?: ChannelId } | null

let open: PublishingDialog = null
const listeners = new Set<() => void>()

function set(next: PublishingDialog): void {
  open = next
  for (const listener of listeners) listener()
}

export const openPublishDialog = (itemId: string): void => set({ kind: 'publish', itemId })
export const openVariantsDialog = (itemId: string, channel?: ChannelId): void => set({ kind: 'variants', itemId, ...(channel ? { channel } : {}) })
export const closePublishingDialog = (): void => set(null)

export function usePublishingDialog(): PublishingDialog {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => open,
  )
}
