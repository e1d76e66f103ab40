// Renders its children from the first time `open` is true, and keeps them mounted after (a dialog keeps its
// state between openings). The dialogs that start closed are not mounted while the window draws its first rows:
// mounted at start, each ran its live queries (the portfolio's profile, the revisions of no item) before the
// rows' frame was painted.
import { useState, type ReactNode } from 'react'

export function MountedOnceOpen({ open, children }: { open: boolean; children: ReactNode }) {
  const [mounted, setMounted] = useState(open)
  if (open && !mounted) setMounted(true)
  return mounted || open ? children : null
}
