// The WordPress accounts main keeps (never their application passwords): one shared list for Settings and the
// publish dialog, reloaded after every change.
import type { PublishingAccount } from '../../core/ipc/publishing'
import { getApi } from '../../lib/api'
import { createAccountStore } from './accountStore'

const store = createAccountStore<PublishingAccount>(() => getApi().publishingAccountList())

export const reloadAccounts = store.reload
export const useAccounts = store.useAccounts
export const resetAccountsForTests = store.reset

/** How an account is named in the UI: its site's name and host, or the host alone. */
export function accountLabel(account: PublishingAccount): string {
  const host = account.siteUrl.replace(/^https?:\/\//, '')
  return account.siteName ? `${account.siteName} (${host})` : host
}
