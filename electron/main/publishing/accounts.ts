// The publishing accounts the person set up, without their secrets (those live in the secret store under
// `secretKey(id)`): a small JSON file next to it in the app's data folder, written atomically.
import type { PublishingAccount } from '../../../src/core/ipc/publishing'
import { nodeSecretFileSystem, type SecretFileSystem } from '../secrets'

interface AccountsFile<A> {
  version: 1
  accounts: A[]
}

export interface AccountStore<A extends { id: string } = PublishingAccount> {
  list(): Promise<A[]>
  get(id: string): Promise<A | undefined>
  /** Adds the account, or replaces the one with the same id. */
  put(account: A): Promise<void>
  remove(id: string): Promise<boolean>
}

/** Where an account's secret is kept in the secret store. */
export function secretKey(accountId: string): string {
  return `publishing-account:${accountId}`
}

// Generic over the account type: Mastodon accounts (publishing/mastodonHandlers.ts) keep their own file.
export function createAccountStore<A extends { id: string } = PublishingAccount>(filePath: string, fs: SecretFileSystem = nodeSecretFileSystem): AccountStore<A> {
  let queue: Promise<unknown> = Promise.resolve()
  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }
  const load = async (): Promise<AccountsFile<A>> => {
    const bytes = await fs.read(filePath)
    if (!bytes) return { version: 1, accounts: [] }
    const parsed = JSON.parse(bytes.toString('utf8')) as Partial<AccountsFile<A>>
    if (parsed.version !== 1 || !Array.isArray(parsed.accounts)) throw new Error(`Unknown accounts file format in ${filePath}`)
    return { version: 1, accounts: parsed.accounts }
  }
  const save = (file: AccountsFile<A>): Promise<void> => fs.write(filePath, Buffer.from(JSON.stringify(file, null, 2)))

  return {
    list: () => serialised(async () => (await load()).accounts),
    get: (id) => serialised(async () => (await load()).accounts.find((account) => account.id === id)),
    put: (account) =>
      serialised(async () => {
        const file = await load()
        const index = file.accounts.findIndex((existing) => existing.id === account.id)
        if (index >= 0) file.accounts[index] = account
        else file.accounts.push(account)
        await save(file)
      }),
    remove: (id) =>
      serialised(async () => {
        const file = await load()
        const kept = file.accounts.filter((account) => account.id !== id)
        if (kept.length === file.accounts.length) return false
        await save({ version: 1, accounts: kept })
        return true
      }),
  }
}
