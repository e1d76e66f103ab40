import { BaluchonDb } from './schema'

export { BaluchonDb, DB_NAME } from './schema'
export { bodyJsonOf, unparsedBodyJson } from './bodyAsJson'
export type { Attachment, Revision, Setting } from './schema'

let current: BaluchonDb | null = null

/** The app's database. Tests swap it with `setDb` (fake-indexeddb, a fresh name per test). */
export function getDb(): BaluchonDb {
  current ??= new BaluchonDb()
  return current
}

export function setDb(db: BaluchonDb): void {
  current = db
}
