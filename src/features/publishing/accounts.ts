// The publishing accounts main keeps (never their secrets): one shared list for Settings and the publish dialog,
// reloaded after every change.
import { useEffect, useSyncExternalStore } from 'react'
import type { PublishingAccount } from '../../core/ipc/publishing'
import { getApi } from '../../lib/api'
import { unwrap } from './errors'

type State = { status: 'idle' | 'loading' | 'ready' | 'failed'; accounts: PublishingAccount[] }

let state: State = { status: 'idle', accounts: [] }
const listeners = new Set<() => void>()

function set(next: State): void {
  state = next
  for (const listener of listeners) listener()
}

export async function reloadAccounts(): Promise<PublishingAccount[]> {
  if (state.status === 'idle') set({ ...state, status: 'loading' })
  try {
    const accounts = await unwrap(getApi().publishingAccountList())
    set({ status: 'ready', accounts })
    return accounts
  } catch {
    set({ status: 'failed', accounts: state.accounts })
    return state.accounts
  }
}

export function useAccounts(): State {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => state,
  )
  useEffect(() => {
    if (state.status === 'idle') void reloadAccounts()
  }, [])
  return current
}

/** For tests: forget what was loaded. */
export function resetAccountsForTests(): void {
  state = { status: 'idle', accounts: [] }
}
