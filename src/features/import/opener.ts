// Whether the import dialog is open: one flag any entry point can set (File menu, command palette,
// Settings), so the dialog is mounted once and nobody has to thread callbacks through the shell.
import { useSyncExternalStore } from 'react'

let open = false
const listeners = new Set<() => void>()

export function setImportDialogOpen(next: boolean): void {
  if (open === next) return
  open = next
  for (const l of listeners) l()
}

export function openImportDialog(): void {
  setImportDialogOpen(true)
}

export function useImportDialogOpen(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => open,
  )
}
