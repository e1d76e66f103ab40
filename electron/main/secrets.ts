// Credentials (application passwords, access tokens) kept by main, encrypted with Electron's safeStorage
// (the OS keychain: Keychain on macOS, DPAPI on Windows, libsecret or KWallet on Linux), in one file under
// the app's data folder. They never reach IndexedDB, so no export or backup of the knowledge base can hold
// them, and no function here logs or returns a secret except get().
//
// On Linux without a keyring, Electron falls back to the "basic_text" backend: encryption with a key
// written in Electron's source, i.e. obfuscation. Where encryption is unavailable altogether, a secret could
// only be kept as plain text. In both cases set() refuses unless the caller passes `allowInsecure`, and
// says why (a typed result), so the app can ask the person first.
//
// File format (JSON, mode 0600): { "version": 1, "secrets": { "<key>": { "protection": "os"|"weak"|"plain",
// "data": "<base64>" } } }. Keys are not secret (e.g. "wordpress:<account id>"). Writes are atomic (temporary
// file, then rename) and serialised, so a crash or two saves at once never leave a half-written store.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { SecretProtection, SecretStorageStatus } from '../../src/core/ipc/publishing'

/** The part of Electron's `safeStorage` used here (passed in, so tests use a fake). */
export interface SafeStorageApi {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only in Electron: "basic_text", "gnome_libsecret", "kwallet", "kwallet5", "kwallet6" or "unknown". */
  getSelectedStorageBackend?(): string
}

export type { SecretProtection, SecretStorageStatus }

export type SetSecretResult =
  | { stored: true; protection: SecretProtection }
  /** Not stored: the protection is not the keychain's and the caller did not allow it. */
  | { stored: false; reason: 'insecure-storage'; status: SecretStorageStatus }

export type GetSecretResult =
  | { found: true; secret: string; protection: SecretProtection }
  | { found: false }
  /** Stored, but it cannot be decrypted any more (keychain reset, profile copied to another computer). */
  | { found: false; unreadable: true }

export interface SecretFileSystem {
  /** The file's bytes, or null if it does not exist. */
  read(path: string): Promise<Buffer | null>
  /** Replaces the file as a whole, readable by its owner only. */
  write(path: string, data: Buffer): Promise<void>
}

export interface SecretStoreDeps {
  safeStorage: SafeStorageApi
  /** The store file, e.g. <userData>/secrets.json. */
  filePath: string
  fs?: SecretFileSystem
}

export interface SecretStore {
  status(): SecretStorageStatus
  set(key: string, secret: string, options?: { allowInsecure?: boolean }): Promise<SetSecretResult>
  get(key: string): Promise<GetSecretResult>
  delete(key: string): Promise<void>
}

interface StoredSecret {
  protection: SecretProtection
  data: string
}

interface StoreFile {
  version: 1
  secrets: Record<string, StoredSecret>
}

export const nodeSecretFileSystem: SecretFileSystem = {
  read: async (path) => {
    try {
      return await readFile(path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  },
  write: async (path, data) => {
    await mkdir(dirname(path), { recursive: true })
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeFile(temporary, data, { mode: 0o600 })
      await rename(temporary, path)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  },
}

export function secretStorageStatus(safeStorage: SafeStorageApi): SecretStorageStatus {
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'keychain'
  if (!safeStorage.isEncryptionAvailable()) return { protection: 'plain', backend }
  return { protection: backend === 'basic_text' ? 'weak' : 'os', backend }
}

export function createSecretStore({ safeStorage, filePath, fs = nodeSecretFileSystem }: SecretStoreDeps): SecretStore {
  // Every read-modify-write runs after the previous one, so concurrent saves cannot drop each other's entry.
  let queue: Promise<unknown> = Promise.resolve()
  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }

  const load = async (): Promise<StoreFile> => {
    const bytes = await fs.read(filePath)
    if (!bytes) return { version: 1, secrets: {} }
    const parsed = JSON.parse(bytes.toString('utf8')) as Partial<StoreFile>
    if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      // Never overwrite what we cannot read: it may be a newer version's file.
      throw new Error(`Unknown secret store format in ${filePath}`)
    }
    return { version: 1, secrets: { ...parsed.secrets } }
  }
  const save = (file: StoreFile): Promise<void> => fs.write(filePath, Buffer.from(JSON.stringify(file, null, 2)))

  return {
    status: () => secretStorageStatus(safeStorage),

    set: (key, secret, options = {}) =>
      serialised(async () => {
        const status = secretStorageStatus(safeStorage)
        if (status.protection !== 'os' && !options.allowInsecure) return { stored: false, reason: 'insecure-storage', status }
        const data =
          status.protection === 'plain'
            ? Buffer.from(secret, 'utf8').toString('base64')
            : safeStorage.encryptString(secret).toString('base64')
        const file = await load()
        file.secrets[key] = { protection: status.protection, data }
        await save(file)
        return { stored: true, protection: status.protection }
      }),

    get: (key) =>
      serialised(async () => {
        const entry = (await load()).secrets[key]
        if (!entry) return { found: false }
        const bytes = Buffer.from(entry.data, 'base64')
        if (entry.protection === 'plain') return { found: true, secret: bytes.toString('utf8'), protection: 'plain' }
        try {
          return { found: true, secret: safeStorage.decryptString(bytes), protection: entry.protection }
        } catch {
          return { found: false, unreadable: true }
        }
      }),

    delete: (key) =>
      serialised(async () => {
        const file = await load()
        if (!(key in file.secrets)) return
        delete file.secrets[key]
        await save(file)
      }),
  }
}
