// A stand-in for Electron's safeStorage in tests: a reversible scramble (so a stored secret never appears
// in the file as is, as with the real thing), and a backend and availability the test picks.
import type { SafeStorageApi } from '../../electron/main/secrets'

export interface FakeSafeStorage extends SafeStorageApi {
  backend: string
  available: boolean
  /** Makes decryptString fail, as after a keychain reset. */
  corrupt: boolean
}

const MAGIC = Buffer.from('fake-safe-storage:')
const KEY = Buffer.from('a key only tests know, never a real one')

function scramble(bytes: Buffer): Buffer {
  return Buffer.from(bytes.map((byte, i) => byte ^ KEY[i % KEY.length]! ^ (i * 31) % 251))
}

export function fakeSafeStorage(options: { backend?: string; available?: boolean } = {}): FakeSafeStorage {
  const fake: FakeSafeStorage = {
    backend: options.backend ?? 'gnome_libsecret',
    available: options.available ?? true,
    corrupt: false,
    isEncryptionAvailable: () => fake.available,
    encryptString: (plainText) => {
      if (!fake.available) throw new Error('Encryption is not available.')
      return Buffer.concat([MAGIC, scramble(Buffer.from(plainText, 'utf8'))])
    },
    decryptString: (encrypted) => {
      if (!fake.available || fake.corrupt || !encrypted.subarray(0, MAGIC.length).equals(MAGIC)) {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      }
      return scramble(encrypted.subarray(MAGIC.length)).toString('utf8')
    },
    getSelectedStorageBackend: () => fake.backend,
  }
  return fake
}
