// The Mastodon accounts main keeps (never their tokens): one shared list for Settings and the variants dialog,
// reloaded after every change. The variants dialog reads the instance's limits from here for its counters.
import { useEffect, useSyncExternalStore } from 'react'
import type { MastodonAccount } from '../../../core/ipc/mastodonTypes'
import { getApi } from '../../../lib/api'
import { unwrap } from '../errors'

type State = { status: 'idle' | 'loading' | 'ready' | 'failed'; accounts: MastodonAccount[] }

let state: State = { status: 'idle', accounts: [] }
const listeners = new Set<() => void>()

function set(next: State): void {
  state = next
  for (const listener of listeners) listener()
}

export async function reloadMastodonAccounts(): Promise<MastodonAccount[]> {
  if (state.status === 'idle') set({ ...state, status: 'loading' })
  try {
    const accounts = await unwrap(getApi().mastodonAccountList())
    set({ status: 'ready', accounts })
    return accounts
  } catch {
    set({ status: 'failed', accounts: state.accounts })
    return state.accounts
  }
}

export function useMastodonAccounts(): State {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => state,
  )
  useEffect(() => {
    if (state.status === 'idle') void reloadMastodonAccounts()
  }, [])
  return current
}

/** "@alice@mastodon.social" */
export function mastodonHandle(account: Pick<MastodonAccount, 'username' | 'instanceUrl'>): string {
  return `@${account.username}@${account.instanceUrl.replace(/^https?:\/\//, '')}`
}

/** For tests: forget what was loaded. */
export function resetMastodonAccountsForTests(): void {
  state = { status: 'idle', accounts: [] }
}
