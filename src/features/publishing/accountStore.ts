// A list of accounts main keeps (never their secrets), shared by Settings and the dialogs that publish with
// them, reloaded after every change. One store per platform (WordPress, Mastodon), built by this factory.
import { useEffect, useSyncExternalStore } from 'react'
import type { IpcError } from '../../core/ipc/result'
import { unwrap } from './errors'

export interface AccountListState<Account> {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  accounts: Account[]
}

export interface AccountStore<Account> {
  /** Asks main for the list again; on failure keeps the last list (status 'failed'). */
  reload(): Promise<Account[]>
  /** The list, loaded on first use. */
  useAccounts(): AccountListState<Account>
  /** For tests: forget what was loaded. */
  reset(): void
}

type ListCall<Account> = () => Promise<{ ok: true; value: Account[] } | { ok: false; error: IpcError }>

/** `list` is called at each reload, never before: tests install their window.api after modules load. */
export function createAccountStore<Account>(list: ListCall<Account>): AccountStore<Account> {
  let state: AccountListState<Account> = { status: 'idle', accounts: [] }
  const listeners = new Set<() => void>()
  const set = (next: AccountListState<Account>): void => {
    state = next
    for (const listener of listeners) listener()
  }
  const subscribe = (listener: () => void) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
  const snapshot = () => state

  async function reload(): Promise<Account[]> {
    if (state.status === 'idle') set({ ...state, status: 'loading' })
    try {
      const accounts = await unwrap(list())
      set({ status: 'ready', accounts })
      return accounts
    } catch {
      set({ status: 'failed', accounts: state.accounts })
      return state.accounts
    }
  }

  function useAccounts(): AccountListState<Account> {
    const current = useSyncExternalStore(subscribe, snapshot)
    useEffect(() => {
      if (state.status === 'idle') void reload()
    }, [])
    return current
  }

  return { reload, useAccounts, reset: () => (state = { status: 'idle', accounts: [] }) }
}
