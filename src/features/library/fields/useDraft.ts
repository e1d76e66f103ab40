// A text field that saves as you type without ever losing a keystroke: the draft is local, saved after a
// pause, on blur and when the field goes away; values arriving from the database (e.g. fetched link
// details) replace the draft only while nothing typed is waiting to be saved.
import { useCallback, useEffect, useRef, useState } from 'react'

export const FIELD_SAVE_DELAY = 400

/** Every field's pending save, so closing the window can write them all first. */
const pendingSaves = new Set<() => Promise<void> | void>()

/** True while a field has typed text waiting to be saved. */
export function hasPendingDrafts(): boolean {
  return pendingSaves.size > 0
}

export async function flushDrafts(): Promise<void> {
  await Promise.all([...pendingSaves].map((flush) => flush()))
}

export function useDraft(value: string, save: (value: string) => Promise<void> | void, delay = FIELD_SAVE_DELAY) {
  const [draft, setDraft] = useState(value)
  const pending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const saveRef = useRef(save)
  saveRef.current = save

  const flush = useCallback((): Promise<void> | void => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    pendingSaves.delete(flush)
    const next = pending.current
    if (next === null) return
    pending.current = null
    return saveRef.current(next)
  }, [])

  const onChange = useCallback(
    (next: string) => {
      setDraft(next)
      pending.current = next
      pendingSaves.add(flush)
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(flush, delay)
    },
    [delay, flush],
  )

  // Outside changes win only when nothing typed is pending.
  useEffect(() => {
    if (pending.current === null) setDraft(value)
  }, [value])

  // Unmount (another item selected, window closing): save what was typed.
  useEffect(
    () => () => {
      void flush()
    },
    [flush],
  )

  return { draft, onChange, flush }
}
