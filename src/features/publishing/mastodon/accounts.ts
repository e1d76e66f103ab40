// The Mastodon accounts main keeps (never their tokens): one shared list for Settings and the variants dialog,
// reloaded after every change. The variants dialog reads the instance's limits from here for its counters.
import type { MastodonAccount } from '../../../core/ipc/mastodonTypes'
import { getApi } from '../../../lib/api'
import { createAccountStore } from '../accountStore'

const store = createAccountStore<MastodonAccount>(() => getApi().mastodonAccountList())

export const reloadMastodonAccounts = store.reload
export const useMastodonAccounts = store.useAccounts
export const resetMastodonAccountsForTests = store.reset

/** "@alice@mastodon.social" */
export function mastodonHandle(account: Pick<MastodonAccount, 'username' | 'instanceUrl'>): string {
  return `@${account.username}@${account.instanceUrl.replace(/^https?:\/\//, '')}`
}
